// A second thread for a netlink dump: it sends the request on one fd and calls recv() until the dump ends,
// keeping each datagram in shared memory. The kernel walks its tables inside those calls, in the calling thread
// (sendto alone walks every bound port's bucket first), so a dump split in two (see dump-split.ts) walks the
// kernel's tables on two cores while the caller sends, receives and decodes its own half.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { errnoValue } from './libc';

/** Shared control words. */
const JOB = 0;
const FINISHED = 1;
const STATE = 2;
const FD = 3;
const SEQ = 4;
const PUBLISHED = 5;
const ERRNO = 6;
const STOP = 7;
const REQUEST_LEN = 8;
/** Bumped with every datagram published and when a job ends: what the caller waits on. */
const EPOCH = 9;
const WORDS = 10;
/** ERRNO's value when the thread itself failed during a job (an exception, not a call's errno). */
const THREAD_FAILED = 0x7fffffff;
/** Room for one request (a sock_diag dump request with its filter is under 100 bytes). */
const REQUEST_BYTES = 256;

/** Bytes asked for per recv(); the kernel fills a dump datagram up to about 32 KiB. */
const RECV_BYTES = 256 * 1024;
/** Most the reply buffer may grow to (address space only until used): about 1.4 million TCP sockets. */
const MAX_DATA_BYTES = 512 * 1024 * 1024;
const MAX_DATAGRAMS = 1 << 20;

interface ThreadInit {
  readonly koffiPath: string;
  readonly control: SharedArrayBuffer;
  readonly request: SharedArrayBuffer;
  readonly data: SharedArrayBuffer;
  readonly ends: SharedArrayBuffer;
  readonly recvBytes: number;
  /** Netlink headers are in host byte order. */
  readonly le: boolean;
  readonly errno: { readonly EINTR: number; readonly EMSGSIZE: number; readonly ENOBUFS: number };
}

/** Where a job failed: in sendto (the request), in recv (the replies), or in the thread itself. */
export type DumpFailure = 'sendto' | 'recv' | 'thread';

interface KoffiLike {
  load(path: string): { func(declaration: string): (...args: unknown[]) => number };
  errno(): number;
}

/**
 * The thread's body, run from its source text in an eval'd worker: it may use nothing but its parameters. Per
 * job it sends the request, then receives datagrams until the one holding NLMSG_DONE or a failing NLMSG_ERROR of
 * the job's sequence number, publishing each as it lands; then it marks the job finished (with the errno of the
 * call that failed: negative for sendto, positive for recv; THREAD_FAILED when the thread itself threw).
 */
export function dumpThreadMain(req: (id: string) => unknown, init: ThreadInit): void {
  // The same layout as the module's constants, which this function cannot see.
  const JOB = 0;
  const FINISHED = 1;
  const STATE = 2;
  const FD = 3;
  const SEQ = 4;
  const PUBLISHED = 5;
  const ERRNO = 6;
  const STOP = 7;
  const REQUEST_LEN = 8;
  const EPOCH = 9;
  const THREAD_FAILED = 0x7fffffff;
  const MSG_TRUNC = 0x20;
  const ctrl = new Int32Array(init.control);
  let recv: (fd: number, buf: Uint8Array, len: number, flags: number) => number;
  let sendto: (fd: number, buf: Uint8Array, len: number, flags: number, addr: null, addrLen: number) => number;
  let errnoNow: () => number;
  try {
    const koffi = req(init.koffiPath) as KoffiLike;
    const libc = koffi.load('libc.so.6');
    recv = libc.func('intptr_t recv(int fd, _Out_ void *buf, size_t len, int flags)');
    sendto = libc.func('intptr_t sendto(int fd, const void *buf, size_t len, int flags, const void *addr, uint32_t n)');
    errnoNow = () => koffi.errno();
  } catch {
    Atomics.store(ctrl, STATE, -1);
    Atomics.notify(ctrl, STATE);
    return;
  }
  Atomics.store(ctrl, STATE, 1);
  Atomics.notify(ctrl, STATE);
  const data = init.data;
  const ends = init.ends;
  const le = init.le;
  /** One job: sends the request, receives until the dump's end; returns 0 or the failing call's (signed) errno. */
  const receiveJob = (fd: number, seq: number): number => {
    const bytes = new Uint8Array(data);
    const endAt = new Int32Array(ends);
    let used = 0;
    let count = 0;
    const request = new Uint8Array(init.request, 0, Atomics.load(ctrl, REQUEST_LEN));
    for (;;) {
      if (sendto(fd, request, request.length, 0, null, 0) >= 0) break;
      const e = errnoNow();
      if (e !== init.errno.EINTR) return -e;
    }
    for (;;) {
      if (data.byteLength - used < init.recvBytes || ends.byteLength < (count + 1) * 4) {
        try {
          if (data.byteLength - used < init.recvBytes) data.grow(Math.max(used + init.recvBytes, data.byteLength * 2));
          if (ends.byteLength < (count + 1) * 4) ends.grow(ends.byteLength * 2);
        } catch {
          return init.errno.ENOBUFS;
        }
      }
      const n = recv(fd, bytes.subarray(used, used + init.recvBytes), init.recvBytes, MSG_TRUNC);
      if (n < 0) {
        const e = errnoNow();
        if (e === init.errno.EINTR) continue;
        return e;
      }
      if (n > init.recvBytes) return init.errno.EMSGSIZE;
      // The dump ends with the datagram holding its NLMSG_DONE, or a failing NLMSG_ERROR (0 is an acknowledgement).
      // n === 0 would never end: the caller's decoder reports a dump closed without NLMSG_DONE.
      let ended = n === 0;
      // A view of this datagram alone, of fixed length: reads through a length-tracking view of a growable
      // SharedArrayBuffer measured 20 to 40 times slower here (Node 20's V8), and this walk reads every header.
      const view = new DataView(data, used, n);
      for (let off = 0; off + 16 <= n;) {
        const len = view.getUint32(off, le);
        const type = view.getUint16(off + 4, le);
        if (view.getUint32(off + 8, le) === seq) {
          if (type === 3 || (type === 2 && (len < 20 || view.getInt32(off + 16, le) !== 0))) ended = true;
        }
        if (len < 16) ended = true; // malformed: the caller's decoder says what is wrong
        off += (Math.max(len, 16) + 3) & ~3;
      }
      used += n;
      endAt[count++] = used;
      Atomics.store(ctrl, PUBLISHED, count);
      Atomics.add(ctrl, EPOCH, 1);
      Atomics.notify(ctrl, EPOCH);
      if (ended) return 0;
    }
  };
  let seen = 0;
  for (;;) {
    Atomics.wait(ctrl, JOB, seen);
    if (Atomics.load(ctrl, STOP) !== 0) return;
    const job = Atomics.load(ctrl, JOB);
    if (job === seen) continue;
    seen = job;
    let errno = 0;
    try {
      errno = receiveJob(Atomics.load(ctrl, FD), Atomics.load(ctrl, SEQ) >>> 0);
    } catch {
      errno = THREAD_FAILED;
    }
    Atomics.store(ctrl, ERRNO, errno);
    Atomics.store(ctrl, FINISHED, job);
    Atomics.add(ctrl, EPOCH, 1);
    Atomics.notify(ctrl, FINISHED);
    Atomics.notify(ctrl, EPOCH);
  }
}

/** What a job has brought in so far: datagram i is data[i ? ends[i - 1] : 0, ends[i]). */
export interface DumpReplies {
  readonly published: number;
  /** The job is over: nothing more will be published. */
  readonly finished: boolean;
  /** The errno of the call that failed (recv's EAGAIN: nothing came for the receive timeout), else null. */
  readonly errno: number | null;
  readonly failedCall: DumpFailure | null;
}

/** One persistent receiving thread; one job at a time, each started by `begin` and waited for by `settle`. */
export class DumpThread {
  private readonly ctrl: Int32Array;
  private readonly request: Uint8Array;
  private readonly data: SharedArrayBuffer;
  private readonly ends: SharedArrayBuffer;
  private worker: Worker | null;
  private job = 0;

  private constructor(
    control: SharedArrayBuffer,
    request: SharedArrayBuffer,
    data: SharedArrayBuffer,
    ends: SharedArrayBuffer,
    worker: Worker,
  ) {
    this.ctrl = new Int32Array(control);
    this.request = new Uint8Array(request);
    this.data = data;
    this.ends = ends;
    this.worker = worker;
  }

  /**
   * Starts the thread (it loads koffi by itself, ready shortly after); throws only when no thread can be created.
   * `koffiPath` is for tests: a module that is not koffi makes a thread that fails (see `failed`).
   */
  static start(koffiPath = createRequire(__filename).resolve('koffi')): DumpThread {
    const control = new SharedArrayBuffer(4 * WORDS);
    const request = new SharedArrayBuffer(REQUEST_BYTES);
    const data = new SharedArrayBuffer(RECV_BYTES * 4, { maxByteLength: MAX_DATA_BYTES });
    const ends = new SharedArrayBuffer(4 * 1024, { maxByteLength: 4 * MAX_DATAGRAMS });
    const init: ThreadInit = {
      koffiPath,
      control,
      request,
      data,
      ends,
      recvBytes: RECV_BYTES,
      le: new Uint8Array(new Uint16Array([1]).buffer)[0] === 1,
      errno: {
        EINTR: errnoValue('EINTR') ?? 4,
        EMSGSIZE: errnoValue('EMSGSIZE') ?? 90,
        ENOBUFS: errnoValue('ENOBUFS') ?? 105,
      },
    };
    const source = `(${dumpThreadMain.toString()})(require, require('node:worker_threads').workerData);`;
    const worker = new Worker(source, { eval: true, workerData: init });
    worker.on('error', () => undefined);
    worker.unref();
    return new DumpThread(control, request, data, ends, worker);
  }

  /** Waits up to `ms` for the thread to come up; true once it can take a job. */
  ready(ms: number): boolean {
    Atomics.wait(this.ctrl, STATE, 0, ms);
    return this.worker !== null && Atomics.load(this.ctrl, STATE) === 1;
  }

  /** The thread could not load koffi, or was stopped: it takes no jobs. */
  get failed(): boolean {
    return this.worker === null || Atomics.load(this.ctrl, STATE) === -1;
  }

  /** Whether a job is under way (begun and not yet finished; a thread that failed to come up takes none). */
  get busy(): boolean {
    return Atomics.load(this.ctrl, STATE) !== -1 && Atomics.load(this.ctrl, FINISHED) !== this.job;
  }

  /**
   * Has the thread send `request` (a netlink dump request tagged `seq`) on `fd` and receive its replies. The fd
   * stays the caller's, who must not use it, close it or begin another job until `settle` says this one finished.
   */
  begin(fd: number, seq: number, request: Uint8Array): void {
    if (this.busy) throw new Error('dump thread: the last job has not finished');
    if (request.length > this.request.length) throw new Error(`dump thread: a ${request.length}-byte request`);
    this.request.set(request);
    Atomics.store(this.ctrl, REQUEST_LEN, request.length);
    Atomics.store(this.ctrl, FD, fd);
    Atomics.store(this.ctrl, SEQ, seq | 0);
    Atomics.store(this.ctrl, PUBLISHED, 0);
    Atomics.store(this.ctrl, ERRNO, 0);
    this.job = (this.job + 1) | 0;
    Atomics.store(this.ctrl, JOB, this.job);
    Atomics.notify(this.ctrl, JOB);
  }

  /** Waits up to `ms` for more than `taken` datagrams or the job's end, and says where the job stands. */
  wait(taken: number, ms: number): DumpReplies {
    // The epoch is read first: whatever the thread does after this changes it, so the wait cannot miss it.
    const epoch = Atomics.load(this.ctrl, EPOCH);
    if (Atomics.load(this.ctrl, PUBLISHED) <= taken && this.busy) Atomics.wait(this.ctrl, EPOCH, epoch, ms);
    const finished = !this.busy;
    const errno = finished ? Atomics.load(this.ctrl, ERRNO) : 0;
    return {
      published: Atomics.load(this.ctrl, PUBLISHED),
      finished,
      errno: errno === 0 || errno === THREAD_FAILED ? null : Math.abs(errno),
      failedCall: errno === 0 ? null : errno === THREAD_FAILED ? 'thread' : errno < 0 ? 'sendto' : 'recv',
    };
  }

  /** Datagram `i` of the current job (published ones only), a view into shared memory valid until the next job. */
  datagram(i: number): Uint8Array {
    const ends = new Int32Array(this.ends);
    return new Uint8Array(this.data, i === 0 ? 0 : ends[i - 1], ends[i] - (i === 0 ? 0 : ends[i - 1]));
  }

  /** Waits up to `ms` for the current job to finish; true when none is under way. */
  settle(ms: number): boolean {
    const deadline = performance.now() + ms;
    for (;;) {
      const finished = Atomics.load(this.ctrl, FINISHED);
      if (!this.busy) return true;
      const left = deadline - performance.now();
      if (left <= 0) return false;
      Atomics.wait(this.ctrl, FINISHED, finished, left);
    }
  }

  /** Ends the thread (after its current recv, if any, returns). */
  stop(): void {
    Atomics.store(this.ctrl, STOP, 1);
    Atomics.add(this.ctrl, JOB, 1);
    Atomics.notify(this.ctrl, JOB);
    void this.worker?.terminate();
    this.worker = null;
  }
}
