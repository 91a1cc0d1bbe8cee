// One connection to the privileged helper: peer uid, token, then framed requests; every refusal logged.
import type net from 'node:net';
import { tokenMatches } from '../session-token';
import { peerCred } from '../ffi/peer-cred';
import type { PrivilegedOps } from '../privileged-ops';
import { frame, LineReader, OversizedMessageError, parseLine, REQUEST_LIMIT_BYTES } from './framing';
import { createConnectionOps } from './helper-ops';
import {
  AUTH_TIMEOUT_MS,
  authMessageSchema,
  helperRequestSchema,
  MAX_PENDING,
  MAX_SESSIONS,
  type ReadyMessage,
} from './helper-protocol';

export interface ConnectionOptions {
  readonly token: string;
  readonly privileged: PrivilegedOps;
  readonly collectorScript: string;
  /** The only uid served (POSIX); null where the transport has no peer credentials (Windows, see helper-main). */
  readonly peerUid: number | null;
  log(message: string): void;
  onPing(): void;
}

/** The kernel's fd of an accepted Unix socket: libuv keeps it on the handle (not public API, stable since Node 0.x). */
function fdOf(socket: net.Socket): number {
  const handle = (socket as unknown as { _handle?: { fd?: unknown } })._handle;
  return typeof handle?.fd === 'number' ? handle.fd : -1;
}

/** Checks the peer's uid as the kernel recorded it at connect(); false (and logged) when it is anyone else. */
function peerAllowed(socket: net.Socket, o: ConnectionOptions, tag: string): boolean {
  if (o.peerUid === null) return true;
  const fd = fdOf(socket);
  if (fd < 0) {
    o.log(`${tag} refused: no file descriptor to read peer credentials from`);
    return false;
  }
  try {
    const cred = peerCred(fd);
    if (cred.uid === o.peerUid) return true;
    o.log(`${tag} refused: foreign uid ${cred.uid} (pid ${cred.pid ?? '?'}), only uid ${o.peerUid} is served`);
  } catch (e) {
    o.log(`${tag} refused: peer credentials unreadable (${e instanceof Error ? e.message : String(e)})`);
  }
  return false;
}

let connections = 0;
/** Connections that passed the token and are still open; only these count against MAX_SESSIONS. */
let sessions = 0;
/** Connections still waiting for their token. */
let pending = 0;

/**
 * Serves one connection. When `authenticated` is false (Unix socket) the peer's uid is checked first and its first
 * message must be `{token}`; a wrong or missing token, malformed JSON or an oversized message closes it.
 */
export function serveConnection(socket: net.Socket, o: ConnectionOptions, authenticated: boolean): void {
  const tag = `connection ${++connections}`;
  let authed = authenticated;
  const send = (m: unknown): void => {
    if (!socket.destroyed) socket.write(frame(m));
  };
  const ops = createConnectionOps({ emit: send, log: o.log, onPing: o.onPing }, o.privileged, o.collectorScript);
  const refuse = (why: string, code: 'UNAUTHORIZED' | 'INVALID_INPUT' | 'REFUSED'): void => {
    o.log(`${tag} refused: ${why}`);
    if (!socket.destroyed) socket.end(frame({ error: { code, message: `Refused: ${why}.` } }));
    socket.destroySoon();
  };
  socket.on('error', (e) => o.log(`${tag} error: ${e.message}`));
  if (!authed && !peerAllowed(socket, o, tag)) {
    socket.destroy();
    return;
  }
  if (!authed && pending >= MAX_PENDING) {
    o.log(`${tag} refused: already ${MAX_PENDING} connections waiting for their token`);
    socket.destroy();
    return;
  }
  // What this connection holds: a place among those waiting for a token, then a session.
  let holds: 'pending' | 'session' | 'nothing' = 'nothing';
  const release = (): void => {
    if (holds === 'pending') pending--;
    if (holds === 'session') sessions--;
    holds = 'nothing';
  };
  const startSession = (): boolean => {
    release();
    if (sessions >= MAX_SESSIONS) return false;
    sessions++;
    holds = 'session';
    return true;
  };
  if (authed) startSession();
  else {
    pending++;
    holds = 'pending';
  }
  const authTimer = authed
    ? null
    : setTimeout(() => refuse(`no token within ${AUTH_TIMEOUT_MS} ms`, 'UNAUTHORIZED'), AUTH_TIMEOUT_MS);
  socket.on('close', () => {
    if (authTimer) clearTimeout(authTimer);
    release();
    ops.dispose();
  });
  const reader = new LineReader(REQUEST_LIMIT_BYTES);

  const onLine = (line: string): void => {
    const message = parseLine(line);
    if (message === undefined) return refuse('malformed JSON', 'INVALID_INPUT');
    if (!authed) {
      const auth = authMessageSchema.safeParse(message);
      if (authTimer) clearTimeout(authTimer);
      if (!auth.success) return refuse('the first message was not a token', 'UNAUTHORIZED');
      if (!tokenMatches(o.token, auth.data.token)) return refuse('wrong token', 'UNAUTHORIZED');
      if (!startSession()) return refuse(`already ${MAX_SESSIONS} sessions`, 'REFUSED');
      authed = true;
      o.log(`${tag} authenticated`);
      const ready: ReadyMessage = { ready: true, pid: process.pid };
      send(ready);
      return;
    }
    const request = helperRequestSchema.safeParse(message);
    if (!request.success) return refuse('not a request {id, op, request}', 'INVALID_INPUT');
    const { id, op } = request.data;
    void ops.run(op, request.data.request).then((result) => send({ id, result }));
  };

  socket.on('data', (chunk: Buffer) => {
    let lines: string[];
    try {
      lines = reader.push(chunk);
    } catch (e) {
      if (e instanceof OversizedMessageError) return refuse(`message over ${e.limit} bytes`, 'INVALID_INPUT');
      throw e;
    }
    for (const line of lines) {
      if (socket.destroyed || socket.writableEnded) return;
      onLine(line);
    }
  });
}
