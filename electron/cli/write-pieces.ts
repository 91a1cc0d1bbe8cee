// Long outputs written at the reader's pace.
import type { Writable } from 'node:stream';
import { drained } from '../core/stream-drained';

/**
 * Writes the pieces as fast as the reader takes them. 40,000 sockets are 25 MB of JSON: made piece by piece, and
 * not left queued in this process either (a pipe takes 64 KiB at a time; the rest of each write would wait here).
 * Writing stops once the stream closed: process.stdout never reads as destroyed (it revives itself after a
 * failure), so this watches for 'close'. Errors are left to the stream's own 'error' handler (for the CLI, index.ts:
 * a reader that went away ends the command quietly, any other failure is reported).
 */
export async function writePieces(pieces: Iterable<string>, out: Writable): Promise<void> {
  let closed = false;
  const onClose = (): void => {
    closed = true;
  };
  out.once('close', onClose);
  try {
    for (const piece of pieces) {
      if (closed || out.destroyed) return;
      if (!out.write(piece)) await drained(out);
    }
  } finally {
    out.off('close', onClose);
  }
}
