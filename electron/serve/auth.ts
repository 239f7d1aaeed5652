/**
 * Browser-mode access control: a random token, compared in constant time, carried either in the
 * URL (`?token=`) or, after the first page load, in an HttpOnly same-site cookie.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'logsift_token';

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export type TokenCheck = 'ok' | 'missing' | 'wrong';

/** Finds the token a request carries (query first, then cookie) and checks it. */
export function checkToken(request: IncomingMessage, expected: string): TokenCheck {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const presented = url.searchParams.get('token') ?? readCookie(request.headers.cookie, TOKEN_COOKIE);
  if (presented === undefined || presented === null || presented === '') return 'missing';
  return sameToken(presented, expected) ? 'ok' : 'wrong';
}

export function tokenFromQuery(request: IncomingMessage): string | null {
  return new URL(request.url ?? '/', 'http://localhost').searchParams.get('token');
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

/** Whether `host` (as given to --host) only accepts connections from this machine. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Whether a request's Host header names this server as a page on this machine would. A web page
 * elsewhere can point its own name at 127.0.0.1 (DNS rebinding); it still lacks the token, and this
 * refuses it before the token is even looked at.
 */
export function isOwnHost(hostHeader: string | undefined, ownHosts: ReadonlySet<string>): boolean {
  return hostHeader !== undefined && ownHosts.has(hostHeader.toLowerCase());
}
