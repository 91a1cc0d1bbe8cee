// Long outputs written at the reader's pace.
import type { Writable } from 'node:stream';

/**
 * Writes the pieces as fast as the reader takes them. 40,000 sockets are 25 MB of JSON: made piece by piece, and
 * not left queued in this process either (a pipe takes 64 KiB at a time; the rest of each write would wait here).
 * A stream that closes ends the writing (a reader that went away: its EPIPE ends the command, see index.ts).
 */
export async function writePieces(pieces: Iterable<string>, out: Writable): Promise<void> {
  for (const piece of pieces) {
    if (out.destroyed) return;
    if (out.write(piece)) continue;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        out.off('drain', done).off('close', done);
        resolve();
      };
      out.on('drain', done).on('close', done);
    });
  }
}
