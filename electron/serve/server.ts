/**
 * `logsift serve`: the renderer and the engine for a browser. HTTP serves the built renderer and
 * takes uploads; a WebSocket carries the contract's calls and change events. Every request and
 * the WebSocket must carry the session token; the WebSocket must also come from our own origin.
 */
import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createReadStream, createWriteStream } from 'node:fs';
import { WebSocketServer, type WebSocket } from 'ws';
import { EVENT_NAMES, type LogsiftApi } from '../../shared/api';
import type { RpcRequest, ServerMessage } from '../../shared/rpc';
import type { Engine } from '../engine/engine';
import { composeApi, dispatch } from '../engine/host-api';
import { checkToken, isLoopbackHost, isOwnHost, newToken, TOKEN_COOKIE, tokenFromQuery } from './auth';
import { sendStaticFile } from './static-files';
import { exportFileName } from '../../shared/model/export';

export interface ServeOptions {
  engine: Engine;
  rendererDir: string;
  port: number;
  host: string;
  version: string;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

export interface RunningServer {
  url: string;
  token: string;
  close(): Promise<void>;
}

export const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const uploadDir = await mkdtemp(join(tmpdir(), 'logsift-uploads-'));
  const api: LogsiftApi = composeApi(options.engine, {
    getHostInfo: async () => ({ mode: 'browser', version: options.version, canPickFiles: false }),
    openFileDialog: async () => [],
    // A browser cannot pick a folder on the server's disk: the page asks for its path instead.
    watchFolderDialog: async () => null,
    watchFolder: (path, folderOptions) => options.engine.watchFolder(path, folderOptions),
    // The server writes the export to its private folder; the page downloads it from there.
    exportView: async (request) => {
      const id = String(++exportCount);
      const fileName = exportFileName(request.format);
      await mkdir(join(exportDir, id), { recursive: true });
      const result = await options.engine.exportTo(request, join(exportDir, id, fileName));
      return { ...result, downloadUrl: `/exports/${id}/${encodeURIComponent(fileName)}` };
    },
  });
  const exportDir = join(uploadDir, 'exports');
  let exportCount = 0;

  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    handleHttp(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`Internal error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (ownHosts && !isOwnHost(request.headers.host, ownHosts)) {
      response.writeHead(421, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Logsift: this server does not answer to that host name.\n');
      return;
    }
    const check = checkToken(request, token);
    if (check !== 'ok') {
      response
        .writeHead(check === 'missing' ? 401 : 403, { 'Content-Type': 'text/plain; charset=utf-8' })
        .end(
          check === 'missing'
            ? 'Logsift needs the access token: open the URL that `logsift serve` printed (it ends in ?token=…).\n'
            : 'Logsift: wrong access token.\n',
        );
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (tokenFromQuery(request)) {
      response.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (request.method === 'POST' && url.pathname === '/api/upload') {
      await receiveUpload(request, response, url);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Method not allowed');
      return;
    }
    const download = /^\/exports\/(\d+)\/([^/]+)$/.exec(url.pathname);
    if (download) {
      await sendExport(response, join(exportDir, download[1]!, basename(decodeURIComponent(download[2]!))));
      return;
    }
    await sendStaticFile(response, options.rendererDir, url.pathname);
  }

  /** A file the browser's user picked or dropped: saved to a private temp folder, then opened. */
  async function receiveUpload(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const name = basename(url.searchParams.get('name') ?? 'upload.log').replace(/[^\w.\-() ]/g, '_') || 'upload.log';
    const folder = await mkdtemp(join(uploadDir, 'file-'));
    const path = join(folder, name);
    await pipeline(request, createWriteStream(path));
    const sources = await options.engine.openPaths([path], { expandDirectories: false });
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(sources));
  }

  /** An export the server wrote, sent as a download (never rendered by the browser). */
  async function sendExport(response: ServerResponse, path: string): Promise<void> {
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('No such export');
      return;
    }
    response.writeHead(200, {
      'Content-Type': 'application/octet-stream',
      'Content-Length': info.size,
      'Content-Disposition': `attachment; filename="${basename(path).replace(/[^\w.\-]/g, '_')}"`,
    });
    await pipeline(createReadStream(path), response);
  }

  let ownOrigins = new Set<string>();
  /** Host headers a loopback server answers to (undefined: listening beyond loopback, any name may reach it). */
  let ownHosts: Set<string> | undefined;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const origin = request.headers.origin;
    const refused =
      url.pathname !== '/ws' ||
      (ownHosts !== undefined && !isOwnHost(request.headers.host, ownHosts)) ||
      checkToken(request, token) !== 'ok' ||
      (origin !== undefined && !ownOrigins.has(origin));
    if (refused) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws));
  });

  function serveSocket(ws: WebSocket): void {
    const send = (message: ServerMessage): void => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = EVENT_NAMES.map((event) =>
      options.engine.on(event, (payload) => send({ kind: 'event', event, payload } as ServerMessage)),
    );
    ws.on('close', () => unsubscribe.forEach((stop) => stop()));
    ws.on('message', (data) => {
      let request: RpcRequest;
      try {
        request = JSON.parse(String(data)) as RpcRequest;
      } catch {
        return;
      }
      if (typeof request?.id !== 'number') return;
      dispatch(api, request.method, request.args).then(
        (result) => send({ kind: 'result', id: request.id, result }),
        (error: unknown) => send({ kind: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }),
      );
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const hostForUrl = options.host.includes(':') ? `[${options.host}]` : options.host;
  // Only pages this server served may open the WebSocket (not a page that merely knows the port).
  const ownNames = [hostForUrl, 'localhost', '127.0.0.1', '[::1]'].map((host) => `${host}:${port}`);
  ownOrigins = new Set(ownNames.map((name) => `http://${name}`));
  if (isLoopbackHost(options.host)) ownHosts = new Set(ownNames.map((name) => name.toLowerCase()));
  return {
    url: `http://${hostForUrl}:${port}/?token=${token}`,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections from open pages would otherwise hold the server open.
      server.closeAllConnections();
      await closed;
      await rm(uploadDir, { recursive: true, force: true });
    },
  };
}
