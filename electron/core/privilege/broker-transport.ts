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

/** A peer's first line, and the complete lines that came with it. */
interface FirstLine {
  readonly line: string;
  readonly rest: string[];
}

/**
 * Waits at most `ms` for the first line `stream` sends, read through `reader`. Resolves with the stream paused, so no
 * chunk is lost before the next reader attaches; rejects on timeout, on the stream's error or close, and on a line
 * past the reader's limit (thrown from an event handler, that would be uncaught and leave the promise pending).
 */
function firstLine(stream: Duplex, reader: LineReader, ms: number): Promise<FirstLine> {
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('close', onClose);
      stream.off('error', fail);
    };
    const fail = (e: Error): void => {
      stop();
      reject(e);
    };
    const onClose = (): void => fail(new Error('helper closed the connection'));
    const onData = (chunk: Buffer): void => {
      let lines: string[];
      try {
        lines = reader.push(chunk);
      } catch (e) {
        return fail(e instanceof Error ? e : new Error(String(e)));
      }
      const line = lines.shift();
      if (line === undefined) return;
      stream.pause();
      stop();
      resolve({ line, rest: lines });
    };
    const timer = setTimeout(() => fail(new Error('handshake timed out')), ms);
    stream.on('data', onData);
    stream.on('close', onClose);
    stream.on('error', fail);
  });
}

/** One attempt: connect, send the token, wait for `{ready}`. Rejects with the socket error or the refusal. */
async function handshake(endpoint: string, token: string, timeoutMs: number): Promise<HelperClient> {
  const socket = net.connect(endpoint);
  socket.on('connect', () => socket.write(frame({ token })));
  const reader = new LineReader(REPLY_LIMIT_BYTES);
  try {
    const { line, rest } = await firstLine(socket, reader, timeoutMs);
    const m = parseLine(line) as { ready?: unknown; error?: { message?: unknown } } | undefined;
    if (m?.ready !== true) throw new Error(`helper refused: ${String(m?.error?.message ?? line)}`);
    const client = new HelperClient(socket, reader, rest);
    socket.resume();
    return client;
  } catch (e) {
    socket.destroy();
    throw e;
  }
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

/** The client's first line (its token) within `ms`; null when it sent none, or garbage. */
function tokenLine(stream: Duplex, ms: number): Promise<FirstLine | null> {
  return firstLine(stream, new LineReader(4096), ms).catch(() => null);
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
        check(pid) === null ? await tokenLine(stream, Math.min(AUTH_TIMEOUT_MS, deadline - Date.now())) : null;
      const m = first ? (parseLine(first.line) as { token?: unknown } | undefined) : undefined;
      if (first && tokenMatches(token, typeof m?.token === 'string' ? m.token : null)) {
        // No further client; the pipe closes when this connection does.
        server.close();
        const client = new HelperClient(stream, new LineReader(REPLY_LIMIT_BYTES), first.rest);
        stream.resume();
        return client;
      }
      stream.destroy();
      // A client that hung up before its token closed the stream already: its 'close' will not come again.
      if (!stream.closed) await new Promise((r) => stream.once('close', r));
    }
  } catch (e) {
    server.close();
    throw e;
  }
}
