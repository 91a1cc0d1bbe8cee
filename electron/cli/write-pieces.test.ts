import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writePieces } from './write-pieces';

/** A reader that takes one piece at a time, when the test lets it: what it holds unwritten is what the writer queued. */
function slowReader() {
  const got: string[] = [];
  const waiting: (() => void)[] = [];
  const out = new Writable({
    highWaterMark: 4,
    write(chunk: Buffer, _enc, done) {
      got.push(String(chunk));
      waiting.push(done);
    },
  });
  return { out, got, take: () => waiting.shift()?.() };
}

describe('writePieces', () => {
  it('hands the next piece over only once the reader drained the last one', async () => {
    const r = slowReader();
    let made = 0;
    function* pieces() {
      for (let i = 0; i < 3; i++) {
        made++;
        yield `piece ${i};`;
      }
    }
    const written = writePieces(pieces(), r.out);
    await new Promise((resolve) => setImmediate(resolve));
    // The first piece filled the stream: the second is not even made yet.
    expect(made).toBe(1);
    expect(r.got).toEqual(['piece 0;']);
    r.take();
    await new Promise((resolve) => setImmediate(resolve));
    expect(made).toBe(2);
    r.take();
    await new Promise((resolve) => setImmediate(resolve));
    r.take();
    await written;
    expect(r.got.join('')).toBe('piece 0;piece 1;piece 2;');
  });

  it('stops waiting when the stream closes with a piece still queued', async () => {
    const r = slowReader();
    const written = writePieces(['first piece', 'second piece'], r.out);
    await new Promise((resolve) => setImmediate(resolve));
    r.out.destroy();
    await expect(written).resolves.toBeUndefined();
    expect(r.got).toEqual(['first piece']);
  });

  it('stops at a stream that closed even when it does not read as destroyed (as process.stdout after EPIPE)', async () => {
    const r = slowReader();
    const made: string[] = [];
    function* pieces() {
      for (const p of ['first piece', 'second piece', 'third piece']) {
        made.push(p);
        yield p;
      }
    }
    const written = writePieces(pieces(), r.out);
    await new Promise((resolve) => setImmediate(resolve));
    // 'close' with the stream left standing: what a revived stdout shows of a reader gone away.
    r.out.emit('close');
    expect(r.out.destroyed).toBe(false);
    await written;
    expect(made).toEqual(['first piece', 'second piece']);
    expect(r.got).toEqual(['first piece']);
  });
});
