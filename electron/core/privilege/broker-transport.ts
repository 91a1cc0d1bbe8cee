// Reaching a freshly started helper: dial its Unix socket (POSIX) or accept it on the app's pipe (Windows).
import net from 'node:net';
import { tokenMatches } from '../../server/token';
import { frame, LineReader, parseLine, REPLY_LIMIT_BYTES } from './framing';
import { HelperClient } from './helper-client';

/** Ends the wait early: returns the error to fail with (the prompt was cancelled, the helper exited), or null. */
export type Abort = () => Error | null;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** One attempt: connect, send the token, wait for `{ready}`. Rejects with the socket error or the refusal. */
function handshake(endpoint: string, token: string, timeoutMs: number): Promise<HelperClient> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(endpoint);
    const reader = new LineReader(REPLY_LIMIT_BYTES);
    const timer = setTimeout(() => fail(new Error('handshake timed out')), timeoutMs);
    const fail = (e: Error): void => {
      clearTimeout(timer);
      socket.destroy();
      reject(e);
    };
    const onData = (chunk: Buffer): void => {
      const lines = reader.push(chunk);
      const first = lines.shift();
      if (first === undefined) return;
      const m = parseLine(first) as { ready?: unknown; error?: { message?: unknown } } | undefined;
      if (m?.ready !== true) return fail(new Error(`helper refused: ${String(m?.error?.message ?? first)}`));
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', fail);
      socket.off('close', onClose);
      resolve(new HelperClient(socket, reader, lines));
    };
    const onClose = (): void => fail(new Error('helper closed the connection'));
    socket.on('connect', () => socket.write(frame({ token })));
    socket.on('data', onData);
    socket.on('error', fail);
    socket.on('close', onClose);
  });
}

/** Dials the helper's socket until it appears and answers, the deadline passes, or `abort` says stop. */
export async function connectUnix(
  endpoint: string,
  token: string,
  deadline: number,
  abort: Abort,
): Promise<HelperClient> {
  let last: Error = new Error('the helper never listened');
  while (Date.now() < deadline) {
    const stop = abort();
    if (stop) throw stop;
    try {
      return await handshake(endpoint, token, Math.max(1, Math.min(5_000, deadline - Date.now())));
    } catch (e) {
      last = e instanceof Error ? e : new Error(String(e));
      // Only "not there yet" is worth retrying; a refusal means a wrong token or a foreign helper.
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ECONNREFUSED') throw last;
    }
    await sleep(100);
  }
  throw last;
}

/**
 * Windows: the app listens on `\\.\pipe\netinspect-<random>` and the elevated helper dials it. The other way round
 * fails: a pipe created by an elevated process gets a default DACL that grants non-elevated callers read access
 * only. The first line must be the token; any other client is dropped.
 */
export function acceptPipe(pipe: string, token: string, deadline: number, abort: Abort): Promise<HelperClient> {
  return new Promise((resolve, reject) => {
    const server = net.createServer((socket) => {
      const reader = new LineReader(4096);
      const onData = (chunk: Buffer): void => {
        let lines: string[];
        try {
          lines = reader.push(chunk);
        } catch {
          socket.destroy();
          return;
        }
        const first = lines.shift();
        if (first === undefined) return;
        const m = parseLine(first) as { token?: unknown } | undefined;
        socket.off('data', onData);
        if (!tokenMatches(token, typeof m?.token === 'string' ? m.token : null)) {
          socket.destroy();
          return;
        }
        done();
        server.close();
        resolve(new HelperClient(socket, new LineReader(REPLY_LIMIT_BYTES), lines));
      };
      socket.on('data', onData);
      socket.on('error', () => socket.destroy());
    });
    const poll = setInterval(() => {
      const stop = abort() ?? (Date.now() > deadline ? new Error('the helper never connected') : null);
      if (stop) {
        done();
        server.close();
        reject(stop);
      }
    }, 100);
    const done = (): void => clearInterval(poll);
    server.on('error', (e) => {
      done();
      reject(e);
    });
    server.listen(pipe);
  });
}
