/**
 * `logsift serve` over real HTTP and WebSocket: the token gate, the origin check, the static
 * files, uploads and a contract call (with the real engine and the built renderer).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ServerMessage } from '../../shared/rpc';
import { Engine } from '../engine/engine';
import { startServer, type RunningServer } from './server';

const ROOT = join(__dirname, '..', '..');
const CSV = join(ROOT, 'fixtures', 'logs', 'eventviewer-csv', 'mta_test_eventviewer_export.csv');

let engine: Engine;
let server: RunningServer;
let base: string;

beforeAll(async () => {
  engine = await Engine.create({
    workerScript: join(ROOT, 'dist', 'node', 'ingest-worker.js'),
    userDataDir: mkdtempSync(join(tmpdir(), 'logsift-serve-')),
  });
  server = await startServer({ engine, rendererDir: join(ROOT, 'dist', 'renderer'), port: 0, host: '127.0.0.1', version: 'test' });
  base = new URL(server.url).origin;
});

afterAll(async () => {
  await server.close();
  engine.close();
});

/** A GET with the Host header a page elsewhere would send (fetch does not let a caller set it). */
function statusWithHost(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${base}${path}`, { headers: { host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.once('error', reject);
    request.end();
  });
}

function openSocket(path: string, origin?: string, host?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('http', 'ws')}${path}`, { ...(origin ? { origin } : {}), ...(host ? { headers: { host } } : {}) });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    ws.once('error', reject);
  });
}

function call(ws: WebSocket, id: number, method: string, args: unknown[]): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(String(data)) as ServerMessage;
      if (message.kind !== 'event' && message.id === id) {
        ws.off('message', onMessage);
        resolve(message);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ kind: 'call', id, method, args }));
  });
}

describe('logsift serve', () => {
  it('prints a loopback URL carrying a random token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('refuses requests without the token (401) or with a wrong one (403)', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/assets/x.js`)).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`)).status).toBe(403);
    expect((await fetch(`${base}/api/upload?name=a.log`, { method: 'POST', body: 'x' })).status).toBe(401);
  });

  it('serves the app with the token, sets the cookie and a strict CSP', async () => {
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<div id="root">');
    expect(response.headers.get('set-cookie')).toMatch(/logsift_token=.*HttpOnly; SameSite=Strict/);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = response.headers.get('set-cookie')!.split(';')[0]!;
    expect((await fetch(`${base}/`, { headers: { cookie } })).status).toBe(200);
  });

  it('refuses another host name even with the token (DNS rebinding), on HTTP and the WebSocket', async () => {
    const port = new URL(base).port;
    expect(await statusWithHost(`/?token=${server.token}`, `localhost:${port}`)).toBe(200);
    expect(await statusWithHost(`/?token=${server.token}`, `evil.example:${port}`)).toBe(421);
    expect(await statusWithHost(`/?token=${server.token}`, `127.0.0.1:${Number(port) + 1}`)).toBe(421);
    await expect(openSocket(`/ws?token=${server.token}`, base, `evil.example:${port}`)).rejects.toThrow('403');
  });

  it('takes a token only whole: a prefix, a longer one or one in another case is refused', async () => {
    for (const wrong of [server.token.slice(0, -1), `${server.token}x`, server.token.toUpperCase(), ' ' + server.token]) {
      expect((await fetch(`${base}/?token=${encodeURIComponent(wrong)}`)).status, wrong).toBe(403);
    }
    expect((await fetch(`${base}/`, { headers: { cookie: 'logsift_token=nope' } })).status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    const response = await fetch(`${base}/..%2F..%2Fpackage.json?token=${server.token}`);
    expect(response.status).toBe(404);
  });

  it('refuses the WebSocket without the token or from another origin', async () => {
    await expect(openSocket('/ws')).rejects.toThrow('403');
    await expect(openSocket(`/ws?token=${server.token}`, 'http://evil.example')).rejects.toThrow('403');
  });

  it('answers contract calls over the WebSocket and validates their arguments', async () => {
    const ws = await openSocket(`/ws?token=${server.token}`, base);
    try {
      const host = await call(ws, 1, 'getHostInfo', []);
      expect(host).toEqual({ kind: 'result', id: 1, result: { mode: 'browser', version: 'test', canPickFiles: false } });
      const bad = await call(ws, 2, 'queryEvents', [{ query: {}, offset: 'x', limit: 5 }]);
      expect(bad).toMatchObject({ kind: 'error', id: 2, message: expect.stringContaining('offset') });
      const unknown = await call(ws, 3, 'readFile', ['/etc/passwd']);
      expect(unknown).toMatchObject({ kind: 'error', message: 'Unknown method: readFile' });
    } finally {
      ws.close();
    }
  });

  it('opens an uploaded file', async () => {
    const response = await fetch(`${base}/api/upload?name=${encodeURIComponent('../../export.csv')}&token=${server.token}`, {
      method: 'POST',
      body: readFileSync(CSV),
    });
    expect(response.status).toBe(200);
    const [source] = (await response.json()) as { name: string }[];
    expect(source!.name).toBe('export.csv');
    await engine.whenIdle();
    expect((await engine.countEvents({})).all).toBe(239);
  });
});
