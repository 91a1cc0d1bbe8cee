// Waiting for a stream that refused more (write() returned false) to take more again.
import type { Writable } from 'node:stream';

/** Resolves once `out` drained, or closed (then nothing more will drain). */
export function drained(out: Writable): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = (): void => {
      out.off('drain', done).off('close', done);
      resolve();
    };
    out.on('drain', done).on('close', done);
  });
}
