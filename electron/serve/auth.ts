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
