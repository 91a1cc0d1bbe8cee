// The CLI's side of the table service: ask a running netinspect for `list`'s output, or say none can answer.
import fs from 'node:fs';
import net from 'node:net';
import { AppError } from '../../../shared/model/app-error';
import { translate } from '../../../shared/i18n/translate';
import { readToken, TABLE_PROTOCOL, tableEndpoint, type TableEndpoint } from './table-endpoint';
import type { TableRequest } from './table-server';

/** How long the running netinspect may take to refresh and start answering (ms); then the CLI reads the kernel. */
const ANSWER_TIMEOUT_MS = 3_000;

/** Where the answer goes: a stream (its back-pressure then paces the service), or a function taking each piece. */
export type PieceSink =
  ((piece: Buffer) => void) | { write(piece: Buffer): boolean; once(event: 'drain', listener: () => void): unknown };

/** The answer stopped before its end: what is printed is cut, and the command must fail. */
function cutShort(reason: string): AppError {
  return new AppError('COLLECTOR_FAILED', translate('en', 'speed.cutShort', { reason }), { reason }, 'speed.cutShort');
}

/**
 * Asks this user's running netinspect for `list`'s output and hands every piece to `out`. Resolves false, having
 * written nothing, when none runs, it declines (paused) or it is slow to start; true once the whole output came.
 * A service that fails part-way rejects (the output is then cut, and the command must fail).
 */
export async function listFromRunningTable(
  request: Omit<TableRequest, 'v' | 'token'>,
  out: PieceSink,
  endpoint: TableEndpoint | null = tableEndpoint(),
): Promise<boolean> {
  if (!endpoint) return false;
  const token = readToken(endpoint);
  if (!token) return false;
  try {
    const st = fs.lstatSync(endpoint.socket);
    if (!st.isSocket() || st.uid !== process.getuid?.()) return false;
  } catch {
    return false;
  }
  const sock = net.connect(endpoint.socket);
  return new Promise<boolean>((resolve, reject) => {
    let header: string | null = null;
    const timer = setTimeout(() => finish(false), ANSWER_TIMEOUT_MS);
    const finish = (ok: boolean, error?: Error): void => {
      clearTimeout(timer);
      sock.destroy();
      if (error) reject(error);
      else resolve(ok);
    };
    sock.on('connect', () => {
      sock.write(`${JSON.stringify({ v: TABLE_PROTOCOL, token, ...request })}\n`);
    });
    let complete = false;
    let paused = false;
    /** Bytes of the frame being read that have not come yet; -1 while its 4-byte length is read. */
    let left = -1;
    /** The length's bytes that came so far (a length may straddle two chunks). */
    let lengthBytes: Buffer = Buffer.alloc(0);
    const put = (piece: Buffer): boolean => (typeof out === 'function' ? (out(piece), true) : out.write(piece));
    /**
     * Hands out the frames' bytes (see frame() in table-endpoint.ts) as they come, never holding a frame whole: a frame's
     * bytes may arrive over several chunks and are passed on piece by piece. A zero length marks the end.
     */
    const frames = (chunk: Buffer): void => {
      let at = 0;
      while (!complete && at < chunk.length) {
        if (left < 0) {
          const need = 4 - lengthBytes.length;
          const got = chunk.subarray(at, at + need);
          lengthBytes = lengthBytes.length === 0 ? got : Buffer.concat([lengthBytes, got]);
          at += got.length;
          if (lengthBytes.length < 4) return;
          left = lengthBytes.readUInt32BE(0);
          lengthBytes = Buffer.alloc(0);
          if (left === 0) complete = true;
          continue;
        }
        const piece = chunk.subarray(at, at + left);
        at += piece.length;
        left -= piece.length;
        if (left === 0) left = -1;
        if (!put(piece) && !paused && typeof out !== 'function') {
          // A slow reader (a pipe into less): stop reading until it drained, so nothing piles up here. One wait at
          // a time, however many pieces of this chunk found the stream full.
          paused = true;
          sock.pause();
          out.once('drain', () => {
            paused = false;
            sock.resume();
          });
        }
      }
    };
    let pending: Buffer = Buffer.alloc(0);
    sock.on('data', (d: Buffer) => {
      if (header !== null) return frames(d);
      pending = pending.length === 0 ? d : Buffer.concat([pending, d]);
      const nl = pending.indexOf(10);
      if (nl < 0) {
        if (pending.length > 4096) finish(false);
        return;
      }
      header = pending.subarray(0, nl).toString('utf8');
      let ok = false;
      try {
        ok = (JSON.parse(header) as { ok?: unknown }).ok === true;
      } catch {
        ok = false;
      }
      if (!ok) return finish(false);
      clearTimeout(timer);
      const rest = pending.subarray(nl + 1);
      pending = Buffer.alloc(0);
      frames(rest);
    });
    sock.on('end', () => {
      if (header === null) finish(false);
      else if (complete) finish(true);
      else finish(false, cutShort('end of stream'));
    });
    sock.on('error', (e) => (header === null ? finish(false) : finish(false, cutShort(e.message))));
    sock.on('close', () => {
      if (header === null) finish(false);
    });
  });
}
