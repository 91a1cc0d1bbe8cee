// A thread that keeps reading kernel event fds (netlink multicast, tracefs per-CPU pipes) while the collector is
// busy, so their kernel buffers do not overflow between ticks; the owner takes the bytes synchronously.
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { errnoValue } from './libc';

/** One fd the thread drains. The owner opened it and closes it, but only after stop() returned. */
export interface ReaderSource {
  readonly fd: number;
  /** 'recv': a socket read with recv(MSG_DONTWAIT); 'read': a file opened with O_NONBLOCK. */
  readonly kind: 'recv' | 'read';
  /** Bytes per read: one netlink datagram, or one tracefs sub-buffer. */
  readonly readBytes: number;
}

/** Reads of one source, back to back: read i is data[offsets[i], offsets[i + 1]). */
export interface ReaderChunk {
  readonly source: number;
  readonly data: Uint8Array;
  readonly offsets: Uint32Array;
  /** Per read, when it returned: Date.now() (ms since epoch) and CLOCK_MONOTONIC (ns, process.hrtime's clock). */
  readonly epochMs: Float64Array;
  readonly monoNs: Float64Array;
}

/** What one source lost or why it stopped, as the thread counted it. */
export interface ReaderCounters {
  /** recv() failures with ENOBUFS: the kernel had to drop messages (each report may cover many). */
  readonly overruns: number;
  /** Reads thrown away because the owner let more than maxQueuedBytes wait untaken. */
  readonly droppedReads: number;
  /** errno that stopped this source (-1: the thread itself failed, e.g. koffi would not load), or null. */
  readonly errno: number | null;
}

export interface ReaderOptions {
  /** Untaken bytes beyond which new reads are counted and dropped, so memory stays bounded. */
  readonly maxQueuedBytes?: number;
  /** Sleep after a pass that read nothing (ms); a stop request wakes it at once. */
  readonly idleMs?: number;
  /** The sleep doubles with each further empty pass up to this (ms), and drops back to idleMs on data. */
  readonly maxIdleMs?: number;
  /** Size of the buffers handed over (bytes). */
  readonly chunkBytes?: number;
}

/** Layout of the shared control words. */
const STOP = 0;
const DONE = 1;
const QUEUED = 2;
const PER_SOURCE = 3;
const HEADER = 3;

interface ReaderInit {
  readonly koffiPath: string;
  readonly sources: readonly ReaderSource[];
  readonly control: SharedArrayBuffer;
  /** Per source, a BigInt64: CLOCK_MONOTONIC (ns) just before a read that found nothing left. */
  readonly drained: SharedArrayBuffer;
  readonly port: MessagePort;
  readonly maxQueuedBytes: number;
  readonly idleMs: number;
  readonly maxIdleMs: number;
  readonly chunkBytes: number;
  readonly errno: { readonly EAGAIN: number; readonly EINTR: number; readonly ENOBUFS: number };
}

interface ChunkMessage {
  readonly source: number;
  readonly data: ArrayBuffer;
  readonly bytes: number;
  readonly offsets: Uint32Array;
  readonly epochMs: Float64Array;
  readonly monoNs: Float64Array;
}

interface KoffiLike {
  load(path: string): { func(declaration: string): (...args: unknown[]) => number };
  errno(): number;
}

/**
 * The thread's body. It runs from its source text in an eval'd worker, so it may use nothing but its parameters
 * (no imports, no module constants): `req` is the worker's require.
 */
export function readerThreadMain(req: (id: string) => unknown, init: ReaderInit): void {
  // The same layout as the module's constants, which this function cannot see.
  const STOP = 0;
  const DONE = 1;
  const QUEUED = 2;
  const HEADER = 3;
  const PER_SOURCE = 3;
  const MSG_DONTWAIT = 0x40;
  const ctrl = new Int32Array(init.control);
  const drained = new BigInt64Array(init.drained);
  try {
    const koffi = req(init.koffiPath) as KoffiLike;
    const libc = koffi.load('libc.so.6');
    const recv = libc.func('intptr_t recv(int fd, _Out_ void *buf, size_t len, int flags)');
    const read = libc.func('intptr_t read(int fd, _Out_ void *buf, size_t len)');
    const pending = init.sources.map(() => ({
      buf: new Uint8Array(0),
      bytes: 0,
      offsets: [0],
      epochMs: [] as number[],
      monoNs: [] as number[],
    }));
    const flush = (s: number): void => {
      const p = pending[s];
      if (p.epochMs.length === 0) return;
      if (Atomics.load(ctrl, QUEUED) + p.bytes > init.maxQueuedBytes) {
        Atomics.add(ctrl, HEADER + PER_SOURCE * s + 1, p.epochMs.length);
      } else {
        Atomics.add(ctrl, QUEUED, p.bytes);
        const msg = {
          source: s,
          // A copy of just what was read: the big read buffer stays here for the next pass.
          data: p.buf.slice(0, p.bytes).buffer,
          bytes: p.bytes,
          offsets: Uint32Array.from(p.offsets),
          epochMs: Float64Array.from(p.epochMs),
          monoNs: Float64Array.from(p.monoNs),
        };
        init.port.postMessage(msg, [msg.data, msg.offsets.buffer, msg.epochMs.buffer, msg.monoNs.buffer]);
      }
      p.bytes = 0;
      p.offsets = [0];
      p.epochMs = [];
      p.monoNs = [];
    };
    const failed = init.sources.map(() => false);
    let idle = init.idleMs;
    while (Atomics.load(ctrl, STOP) === 0) {
      let got = 0;
      for (let s = 0; s < init.sources.length; s++) {
        if (failed[s]) continue;
        const src = init.sources[s];
        const p = pending[s];
        let emptyAt = -1n;
        for (let budget = 0; budget < 4096; budget++) {
          if (p.buf.length - p.bytes < src.readBytes) {
            flush(s);
            if (p.buf.length < src.readBytes) p.buf = new Uint8Array(Math.max(init.chunkBytes, src.readBytes));
          }
          const view = p.buf.subarray(p.bytes, p.bytes + src.readBytes);
          const before = process.hrtime.bigint();
          const n =
            src.kind === 'recv' ? recv(src.fd, view, src.readBytes, MSG_DONTWAIT) : read(src.fd, view, src.readBytes);
          if (n < 0) {
            const e = koffi.errno();
            if (e === init.errno.EINTR) continue;
            if (e === init.errno.EAGAIN) {
              // Published only after this pass's chunk is posted (below), so a reader of it can take that chunk.
              emptyAt = before;
              break;
            }
            if (e === init.errno.ENOBUFS && src.kind === 'recv') {
              Atomics.add(ctrl, HEADER + PER_SOURCE * s, 1);
              continue;
            }
            Atomics.store(ctrl, HEADER + PER_SOURCE * s + 2, e);
            failed[s] = true;
            break;
          }
          if (n === 0) break;
          p.bytes += n;
          p.offsets.push(p.bytes);
          p.epochMs.push(Date.now());
          p.monoNs.push(Number(process.hrtime.bigint()));
          got++;
        }
        flush(s);
        if (emptyAt >= 0n) Atomics.store(drained, s, emptyAt);
      }
      if (got > 0) idle = init.idleMs;
      else {
        Atomics.wait(ctrl, STOP, 0, idle);
        idle = Math.min(init.maxIdleMs, idle * 2);
      }
    }
  } catch {
    for (let s = 0; s < init.sources.length; s++) Atomics.compareExchange(ctrl, HEADER + PER_SOURCE * s + 2, 0, -1);
  } finally {
    init.port.close();
    Atomics.store(ctrl, DONE, 1);
    Atomics.notify(ctrl, DONE);
  }
}

/** The running thread; take() and counters() are synchronous, for a collector that ticks synchronously. */
export class ReaderThread {
  private readonly ctrl: Int32Array;
  private readonly drained: BigInt64Array;
  private stopped = false;

  private constructor(
    private readonly worker: Worker,
    private readonly port: MessagePort,
    control: SharedArrayBuffer,
    drained: SharedArrayBuffer,
    private readonly sourceCount: number,
  ) {
    this.ctrl = new Int32Array(control);
    this.drained = new BigInt64Array(drained);
  }

  /** Starts draining `sources`; throws only when a thread cannot be created at all. */
  static start(sources: readonly ReaderSource[], options: ReaderOptions = {}): ReaderThread {
    const control = new SharedArrayBuffer(4 * (HEADER + PER_SOURCE * sources.length));
    const drained = new SharedArrayBuffer(8 * Math.max(1, sources.length));
    const { port1, port2 } = new MessageChannel();
    const init: ReaderInit = {
      koffiPath: createRequire(__filename).resolve('koffi'),
      sources,
      control,
      drained,
      port: port2,
      maxQueuedBytes: options.maxQueuedBytes ?? 64 * 1024 * 1024,
      idleMs: options.idleMs ?? 10,
      maxIdleMs: Math.max(options.idleMs ?? 10, options.maxIdleMs ?? 50),
      chunkBytes: options.chunkBytes ?? 256 * 1024,
      errno: {
        EAGAIN: errnoValue('EAGAIN') ?? 11,
        EINTR: errnoValue('EINTR') ?? 4,
        ENOBUFS: errnoValue('ENOBUFS') ?? 105,
      },
    };
    const source = `(${readerThreadMain.toString()})(require, require('node:worker_threads').workerData);`;
    const worker = new Worker(source, { eval: true, workerData: init, transferList: [port2] });
    // Its failures are recorded in the control words; an 'error' event must not become an uncaught exception.
    worker.on('error', () => undefined);
    worker.unref();
    port1.unref();
    return new ReaderThread(worker, port1, control, drained, sources.length);
  }

  /**
   * CLOCK_MONOTONIC (ns) of the last read of `source` that found it empty, or -1 before the first: everything the
   * kernel had committed to that source before then is in chunks take() can already return. Read it before take().
   */
  drainedUpTo(source: number): number {
    if (source < 0 || source >= this.sourceCount) throw new RangeError(`no reader source ${source}`);
    return Number(Atomics.load(this.drained, source));
  }

  /** Every chunk read since the last call, in read order per source. */
  take(): ReaderChunk[] {
    const out: ReaderChunk[] = [];
    for (;;) {
      const m = receiveMessageOnPort(this.port);
      if (m === undefined) break;
      const c = m.message as ChunkMessage;
      Atomics.sub(this.ctrl, QUEUED, c.bytes);
      out.push({
        source: c.source,
        data: new Uint8Array(c.data, 0, c.bytes),
        offsets: c.offsets,
        epochMs: c.epochMs,
        monoNs: c.monoNs,
      });
    }
    return out;
  }

  counters(source: number): ReaderCounters {
    if (source < 0 || source >= this.sourceCount) throw new RangeError(`no reader source ${source}`);
    const base = HEADER + PER_SOURCE * source;
    const errno = Atomics.load(this.ctrl, base + 2);
    return {
      overruns: Atomics.load(this.ctrl, base),
      droppedReads: Atomics.load(this.ctrl, base + 1),
      errno: errno === 0 ? null : errno,
    };
  }

  /** False once the thread ended (stopped, or failed to start: e.g. koffi missing in the thread). */
  get running(): boolean {
    return !this.stopped && Atomics.load(this.ctrl, DONE) === 0;
  }

  /**
   * Stops the thread and waits (at most `timeoutMs`) until it no longer touches the fds, so the owner may close
   * them right after: a closed fd number could otherwise be reused by another file while the thread reads it.
   */
  stop(timeoutMs = 2000): void {
    if (this.stopped) return;
    this.stopped = true;
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.notify(this.ctrl, STOP);
    Atomics.wait(this.ctrl, DONE, 0, timeoutMs);
    this.port.close();
    void this.worker.terminate();
  }
}
