// Reaching a freshly started helper: dial its Unix socket (POSIX) or accept it on the app's pipe (Windows).
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { tokenMatches } from '../session-token';
import { frame, LineReader, parseLine, REPLY_LIMIT_BYTES } from './framing';
import { HelperClient } from './helper-client';
import { AUTH_TIMEOUT_MS } from './helper-protocol';
import { elevatedClientCheck, WinPipeServer, type ClientCheck } from './win-pipe-server';

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
      let lines: string[];
      try {
        lines = reader.push(chunk);
      } catch (e) {
        // An oversized reply: thrown from an event handler, it would be uncaught and leave this promise pending.
        return fail(e instanceof Error ? e : new Error(String(e)));
      }
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

/** Waits for the client's first line (its token) for at most `ms`; null when it sent none, or garbage. */
function firstLine(stream: Duplex, ms: number): Promise<{ line: string; rest: string[] } | null> {
  return new Promise((resolve) => {
    const reader = new LineReader(4096);
    const finish = (r: { line: string; rest: string[] } | null): void => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('close', onEnd);
      stream.off('error', onEnd);
      resolve(r);
    };
    const onEnd = (): void => finish(null);
    const onData = (chunk: Buffer): void => {
      let lines: string[];
      try {
        lines = reader.push(chunk);
      } catch {
        return finish(null);
      }
      const line = lines.shift();
      if (line !== undefined) {
        // Stop the flow until HelperClient attaches its own listener, so no chunk is lost in between.
        stream.pause();
        finish({ line, rest: lines });
      }
    };
    const timer = setTimeout(onEnd, ms);
    stream.on('data', onData);
    stream.on('close', onEnd);
    stream.on('error', onEnd);
  });
}

/**
 * Windows: the app listens on `\\.\pipe\netinspect-<random>` and the elevated helper dials it. The other way round
 * fails: a pipe created by an elevated process gets a default DACL that grants non-elevated callers read access
 * only. The pipe (win-pipe-server.ts) admits only this user's SID and no remote client; a client that is not
 * elevated (`check`), or whose first line is not the token, is dropped and the next one awaited.
 */
export async function acceptPipe(
  pipe: string,
  token: string,
  deadline: number,
  abort: Abort,
  check: ClientCheck = elevatedClientCheck,
): Promise<HelperClient> {
  const server = WinPipeServer.create(pipe);
  try {
    for (;;) {
      const pid = await server.connect(deadline, abort);
      const stream = server.openStream();
      const first =
        check(pid) === null ? await firstLine(stream, Math.min(AUTH_TIMEOUT_MS, deadline - Date.now())) : null;
      const m = first ? (parseLine(first.line) as { token?: unknown } | undefined) : undefined;
      if (first && tokenMatches(token, typeof m?.token === 'string' ? m.token : null)) {
        // No further client; the pipe closes when this connection does.
        server.close();
        const client = new HelperClient(stream, new LineReader(REPLY_LIMIT_BYTES), first.rest);
        stream.resume();
        return client;
      }
      stream.destroy();
      await new Promise((r) => stream.once('close', r));
    }
  } catch (e) {
    server.close();
    throw e;
  }
}
