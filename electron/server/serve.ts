// Browser mode: the renderer and the contract over one WebSocket, on 127.0.0.1 only, behind a random token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOKEN_PARAM, WS_PATH } from '../../shared/bridge';
import { wireRequestSchema, type WireMessage } from '../../shared/contract';
import type { Core } from '../core/app-core';
import type { Client } from '../core/client';
import { contentSecurityPolicy, resolveStatic, serveStatic } from './static-files';
import { newToken, tokenMatches } from '../core/session-token';

/** Largest request a client may send (bytes); the contract's requests are tiny. */
const MAX_MESSAGE_BYTES = 1 << 20;
/** A client this far behind (bytes queued) is dropped rather than buffering without bound. */
const MAX_BUFFERED_BYTES = 64 << 20;

export interface ServeOptions {
  readonly core: Core;
  readonly rendererDir: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly token?: string;
  readonly log?: (line: string) => void;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

/** Starts the server; resolves once it listens. */
export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const log = options.log ?? (() => {});
  let port = 0;
  const origins = (): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const hostOk = (host: string | undefined): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`;

  const server = http.createServer((req, res) => {
    try {
      handleHttp(req, res);
    } catch (e) {
      // Nothing a client sends may take the server down.
      log(
        `error answering ${req.method} ${String(req.url).slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`,
      );
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end();
    }
  });
  const handleHttp = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A foreign Host header means DNS rebinding: refuse.
    if (!hostOk(req.headers.host)) {
      res.writeHead(421, { 'content-type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const target = resolveStatic(options.rendererDir, url.pathname);
    if ('status' in target) {
      res
        .writeHead(target.status, { 'content-type': 'text/plain' })
        .end(target.status === 400 ? 'Bad request' : 'Not found');
      return;
    }
    if (target.isPage && !tokenMatches(token, url.searchParams.get(TOKEN_PARAM))) {
      log(`refused page request with a wrong or missing token from ${req.socket.remoteAddress}`);
      res
        .writeHead(403, { 'content-type': 'text/plain; charset=utf-8' })
        .end('Forbidden: open the exact URL that `netinspect serve` printed (it carries the session token).');
      return;
    }
    serveStatic(target, res, {
      'content-security-policy': contentSecurityPolicy(origins()[0]),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const origin = req.headers.origin;
    // Browsers always send Origin: only our own page may connect. Non-browser clients holding the token may omit it.
    const refused =
      url.pathname !== WS_PATH
        ? 'wrong path'
        : !hostOk(req.headers.host)
          ? 'foreign Host header'
          : origin !== undefined && !origins().includes(origin)
            ? `foreign Origin ${origin}`
            : !tokenMatches(token, url.searchParams.get(TOKEN_PARAM))
              ? 'wrong or missing token'
              : null;
    if (refused) {
      log(`refused WebSocket connection: ${refused}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, options.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

let clientCounter = 0;

/** Wires one WebSocket to core: requests in, results and events out. */
function attach(ws: WebSocket, core: Core): void {
  const send = (m: WireMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(1013, 'Client too slow; reconnect to resynchronise.');
      return;
    }
    ws.send(JSON.stringify(m));
  };
  const client: Client = { id: `ws-${++clientCounter}`, send: (event, payload) => send({ event, payload }) };
  ws.on('message', async (data, isBinary) => {
    let parsed: unknown;
    try {
      parsed = isBinary ? undefined : JSON.parse(data.toString());
    } catch {
      parsed = undefined;
    }
    const msg = wireRequestSchema.safeParse(parsed);
    if (!msg.success) {
      ws.close(1008, 'Malformed message');
      return;
    }
    const { id, channel, request } = msg.data;
    // Core refuses anything outside the contract (UNKNOWN_CHANNEL): the bridge itself has no list to drift.
    send({ id, result: await core.handle(channel, request, client) });
  });
  ws.on('close', () => core.disconnect(client));
  ws.on('error', () => core.disconnect(client));
}
