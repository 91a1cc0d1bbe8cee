// Browser mode: the renderer and the contract over one WebSocket, on 127.0.0.1 only, behind a random token.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { TOKEN_PARAM, WS_PATH } from '../../shared/bridge';
import { wireRequestSchema, type WireMessage } from '../../shared/contract';
import { WireEncoder } from '../../shared/logic/wire/wire-codec';
import type { Snapshot, SocketDelta } from '../../shared/model/snapshot';
import type { Core } from '../core/app-core';
import type { Client } from '../core/client';
import { resolveStatic, securityHeaders, serveStatic } from './static-files';
import { refusalPage, RESUME_PATH, RESUME_SCRIPT } from './session-resume';
import { newToken, tokenMatches } from '../core/session-token';

/** Largest request a client may send (bytes); the contract's requests are tiny. */
const MAX_MESSAGE_BYTES = 1 << 20;
/** A client this far behind (bytes queued) is dropped rather than buffering without bound. */
const MAX_BUFFERED_BYTES = 64 << 20;
/** How often, and how long at most, a client's `drained` looks at what its socket still holds (ms). */
const DRAIN_POLL_MS = 5;
const DRAIN_WAIT_MS = 5000;

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
  // The socket table crosses in columns and field-level changes (shared/logic/wire), encoded once for every tab.
  const encoder = new WireEncoder();
  const token = options.token ?? newToken();
  const log = options.log ?? (() => {});
  let port = 0;
  const origins = (): string[] => [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
  const hostOk = (host: string | undefined): boolean => host === `127.0.0.1:${port}` || host === `localhost:${port}`;
  /** Every answer carries the page's headers: an error page framed or sniffed is as much a foothold as the app. */
  const answer = (res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}): void => {
    res
      .writeHead(status, { ...securityHeaders(origins()[0]), 'content-type': 'text/plain; charset=utf-8', ...extra })
      .end(body);
  };

  const server = http.createServer((req, res) => {
    try {
      handleHttp(req, res);
    } catch (e) {
      // Nothing a client sends may take the server down.
      log(
        `error answering ${req.method} ${String(req.url).slice(0, 200)}: ${e instanceof Error ? e.message : String(e)}`,
      );
      if (!res.headersSent) answer(res, 500, 'Internal error');
      else res.end();
    }
  });
  const handleHttp = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // A foreign Host header means DNS rebinding: refuse.
    if (!hostOk(req.headers.host)) return answer(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, '', { allow: 'GET, HEAD' });
    if (url.pathname === RESUME_PATH) {
      return answer(res, 200, RESUME_SCRIPT, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'no-store',
      });
    }
    const target = resolveStatic(options.rendererDir, url.pathname);
    if ('status' in target) return answer(res, target.status, target.status === 400 ? 'Bad request' : 'Not found');
    if (target.isPage && !tokenMatches(token, url.searchParams.get(TOKEN_PARAM))) {
      log(`refused page request with a wrong or missing token from ${req.socket.remoteAddress}`);
      const why = 'Forbidden: open the exact URL that `netinspect serve` printed (it carries the session token).';
      // A browser gets a page that resumes a reloaded tab's session (the app took the token out of its URL).
      return req.headers.accept?.includes('text/html')
        ? answer(res, 403, refusalPage(why), {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-store',
          })
        : answer(res, 403, why);
    }
    serveStatic(target, res, securityHeaders(origins()[0]));
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
      const headers = Object.entries(securityHeaders(origins()[0])).map(([k, v]) => `${k}: ${v}\r\n`);
      socket.end(`HTTP/1.1 403 Forbidden\r\n${headers.join('')}Connection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, options.core, encoder));
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
function attach(ws: WebSocket, core: Core, encoder: WireEncoder): void {
  const send = (m: WireMessage): void => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(1013, 'Client too slow; reconnect to resynchronise.');
      return;
    }
    ws.send(JSON.stringify(m));
  };
  const client: Client = {
    id: `ws-${++clientCounter}`,
    send: (event, payload) =>
      send({ event, payload: event === 'sockets:delta' ? encoder.delta(payload as SocketDelta) : payload }),
    drained: async () => {
      const until = Date.now() + DRAIN_WAIT_MS;
      while (ws.readyState === ws.OPEN && ws.bufferedAmount > 0 && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
      }
    },
  };
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
    const result = await core.handle(channel, request, client);
    const table = result.ok && (channel === 'sockets:subscribe' || channel === 'sockets:snapshot');
    send({ id, result: table ? { ok: true, value: encoder.snapshot(result.value as Snapshot) } : result });
  });
  ws.on('close', () => core.disconnect(client));
  ws.on('error', () => core.disconnect(client));
}
