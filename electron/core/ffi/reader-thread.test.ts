// The reader thread against real fds: a FIFO read with read(2), a Unix datagram socket with recv(2).
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bind, close, sendto, socket } from './libc';
import { ReaderThread, type ReaderChunk } from './reader-thread';

const cleanup: Array<() => void> = [];
afterEach(() => {
  for (const f of cleanup.splice(0).reverse()) f();
});

/** A FIFO opened read-write and non-blocking (so neither side waits for the other); returns its fd. */
function fifo(): number {
  const dir = mkdtempSync(path.join(tmpdir(), 'reader-thread-'));
  const p = path.join(dir, 'fifo');
  execFileSync('mkfifo', [p]);
  const fd = openSync(p, constants.O_RDWR | constants.O_NONBLOCK);
  cleanup.push(() => {
    closeSync(fd);
    rmSync(dir, { recursive: true });
  });
  return fd;
}

async function takeUntil(t: ReaderThread, done: (chunks: ReaderChunk[]) => boolean): Promise<ReaderChunk[]> {
  const all: ReaderChunk[] = [];
  for (let i = 0; i < 500 && !done(all); i++) {
    all.push(...t.take());
    await new Promise((r) => setTimeout(r, 10));
  }
  return all;
}

const text = (chunks: readonly ReaderChunk[]): string =>
  chunks.map((c) => Buffer.from(c.data).toString('latin1')).join('');

describe('ReaderThread', () => {
  it('hands over what a non-blocking fd yields, in order, with the time of each read', async () => {
    const fd = fifo();
    const t = ReaderThread.start([{ fd, kind: 'read', readBytes: 4096 }], { idleMs: 5 });
    cleanup.push(() => t.stop());
    const before = Date.now();
    for (const part of ['alpha,', 'beta,', 'gamma']) {
      writeSync(fd, part);
      await new Promise((r) => setTimeout(r, 30));
    }
    const chunks = await takeUntil(t, (c) => text(c).length >= 16);
    expect(text(chunks)).toBe('alpha,beta,gamma');
    const reads = chunks.flatMap((c) => [...c.epochMs]);
    expect(reads.length).toBeGreaterThanOrEqual(1);
    for (const at of reads) expect(at).toBeGreaterThanOrEqual(before);
    for (const c of chunks) expect(c.offsets[c.offsets.length - 1]).toBe(c.data.length);
    // The monotonic stamps are process.hrtime's clock, so the owner can map kernel timestamps with them.
    const mono = chunks.flatMap((c) => [...c.monoNs]);
    expect(Math.abs(mono[mono.length - 1] - Number(process.hrtime.bigint()))).toBeLessThan(60e9);
    expect(t.counters(0)).toEqual({ overruns: 0, droppedReads: 0, errno: null });
  });

  it('keeps datagram boundaries for a recv source', async () => {
    const rx = socket(1 /* AF_UNIX */, 2 /* SOCK_DGRAM */, 0);
    const tx = socket(1, 2, 0);
    cleanup.push(() => {
      close(rx);
      close(tx);
    });
    // An abstract address (leading NUL): nothing on disk to clean up.
    const name = Buffer.concat([Buffer.from([1, 0, 0]), Buffer.from(`reader-thread-${process.pid}`)]);
    bind(rx, name);
    const t = ReaderThread.start([{ fd: rx, kind: 'recv', readBytes: 64 }], { idleMs: 5 });
    cleanup.push(() => t.stop());
    for (const m of ['one', 'two', 'three']) sendto(tx, Buffer.from(m), 0, name);
    const chunks = await takeUntil(t, (c) => c.reduce((n, x) => n + x.epochMs.length, 0) >= 3);
    const datagrams = chunks.flatMap((c) =>
      [...c.epochMs].map((_, i) => Buffer.from(c.data.subarray(c.offsets[i], c.offsets[i + 1])).toString()),
    );
    expect(datagrams).toEqual(['one', 'two', 'three']);
  });

  it('counts and drops reads beyond maxQueuedBytes instead of growing without bound', async () => {
    const fd = fifo();
    const t = ReaderThread.start([{ fd, kind: 'read', readBytes: 16 }], { idleMs: 5, maxQueuedBytes: 40 });
    cleanup.push(() => t.stop());
    for (let i = 0; i < 20; i++) {
      writeSync(fd, 'x'.repeat(16));
      await new Promise((r) => setTimeout(r, 5));
    }
    // At most 2 reads of 16 bytes fit in 40: once the thread has read all 20, at least 18 were dropped (waiting only
    // for the first drop could take the queue while the last write was still in the pipe).
    for (let i = 0; i < 200 && t.counters(0).droppedReads < 18; i++) await new Promise((r) => setTimeout(r, 10));
    const kept = text(t.take()).length;
    expect(kept).toBeLessThanOrEqual(40);
    expect(kept + 16 * t.counters(0).droppedReads).toBe(320);
  });

  it('records the errno of a source that fails and keeps draining the others', async () => {
    const good = fifo();
    // Beyond any fd limit, so it cannot be some other file's number.
    const bad = 1 << 30;
    const t = ReaderThread.start(
      [
        { fd: bad, kind: 'read', readBytes: 16 },
        { fd: good, kind: 'read', readBytes: 16 },
      ],
      { idleMs: 5 },
    );
    cleanup.push(() => t.stop());
    writeSync(good, 'still here');
    const chunks = await takeUntil(t, (c) => text(c).length >= 10);
    expect(text(chunks)).toBe('still here');
    expect(chunks.every((c) => c.source === 1)).toBe(true);
    expect(t.counters(0).errno).toBe(9); // EBADF
  });

  it('stops synchronously: once stop() returns the thread no longer runs', () => {
    const fd = fifo();
    const t = ReaderThread.start([{ fd, kind: 'read', readBytes: 16 }]);
    expect(t.running).toBe(true);
    t.stop();
    expect(t.running).toBe(false);
    expect(() => t.counters(1)).toThrow(RangeError);
  });
});
