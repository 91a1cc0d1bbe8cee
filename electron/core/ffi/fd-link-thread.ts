// A second thread for the one big read of an owner scan: readlinkat over /proc/<pid>/fd entries, which costs the
// kernel about 3.5 µs each (80,000 of them for 40,000 sockets) and so is worth sharing with another core.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Work for both threads: chunk i is fds[starts[i], starts[i + 1]) of process pids[i]. Each thread claims chunks
 * through the shared counter and writes, for each fd, the socket inode it links to (0: not a socket, or gone), and
 * whether the link could not be read at all (no such fd: numbers read without a listing may name none).
 */
export interface LinkWork {
  readonly pids: Int32Array;
  readonly starts: Int32Array;
  readonly fds: Int32Array;
}

/** Shared words: the next chunk to claim, chunks finished, and whether the thread came up (1) or failed (-1). */
const NEXT = 0;
const DONE = 1;
const STATE = 2;

interface ThreadInit {
  readonly koffiPath: string;
  readonly work: LinkWork;
  readonly control: SharedArrayBuffer;
  readonly inodes: SharedArrayBuffer;
  readonly missing: SharedArrayBuffer;
  readonly flags: number;
}

interface KoffiLike {
  load(path: string): { func(declaration: string): (...args: unknown[]) => number };
}

/**
 * The thread's body, run from its source text in an eval'd worker: it may use nothing but its parameters. Reads
 * chunks until none is left; a chunk whose process exited leaves its inodes at 0 (the owner map retries them).
 */
export function linkThreadMain(req: (id: string) => unknown, init: ThreadInit): void {
  const DONE = 1;
  const STATE = 2;
  const ctrl = new Int32Array(init.control);
  try {
    const koffi = req(init.koffiPath) as KoffiLike;
    const libc = koffi.load('libc.so.6');
    const open = libc.func('int open(const char *path, int flags, uint32_t mode)');
    const close = libc.func('int close(int fd)');
    const readlinkat = libc.func('intptr_t readlinkat(int dirfd, const void *path, _Out_ void *buf, size_t len)');
    Atomics.store(ctrl, STATE, 1);
    const openDir = (pid: number): number => open(`/proc/${pid}/fd`, init.flags, 0);
    const out = { inodes: new Uint32Array(init.inodes), missing: new Uint8Array(init.missing) };
    runLinkChunks(init.work, ctrl, out, openDir, { readlinkat, close });
  } catch {
    Atomics.store(ctrl, STATE, -1);
  }
  // Whatever happened, no chunk is left half claimed: the caller reads the rest itself.
  Atomics.notify(ctrl, DONE);
}

/** The loop both threads run (the caller's from its own copy of the module, the thread's from the source text). */
export function runLinkChunks(
  work: LinkWork,
  ctrl: Int32Array,
  out: LinkResults,
  openDir: (pid: number) => number,
  libc: {
    readlinkat: (dirfd: number, name: Uint8Array, buf: Uint8Array, len: number) => number;
    close: (fd: number) => number;
  },
): void {
  // Written out here, not imported: this function is also run from its source text in the thread.
  const PREFIX = [115, 111, 99, 107, 101, 116, 58, 91]; // "socket:["
  const name = new Uint8Array(16);
  const link = new Uint8Array(64);
  const count = work.pids.length;
  const { inodes, missing } = out;
  for (;;) {
    const c = Atomics.add(ctrl, 0, 1);
    if (c >= count) return;
    const dir = openDir(work.pids[c]);
    if (dir < 0) missing.fill(1, work.starts[c], work.starts[c + 1]);
    else {
      for (let i = work.starts[c]; i < work.starts[c + 1]; i++) {
        let fd = work.fds[i];
        let digits = 1;
        for (let v = fd; v >= 10; v = Math.floor(v / 10)) digits++;
        name[digits] = 0;
        for (let d = digits - 1; d >= 0; d--, fd = Math.floor(fd / 10)) name[d] = 48 + (fd % 10);
        const n = libc.readlinkat(dir, name, link, link.length);
        missing[i] = n < 0 ? 1 : 0;
        let inode = 0;
        if (n > PREFIX.length && PREFIX.every((b, k) => link[k] === b)) {
          for (let k = PREFIX.length; k < n; k++) {
            const ch = link[k];
            if (ch === 93) break;
            if (ch < 48 || ch > 57) {
              inode = 0;
              break;
            }
            inode = inode * 10 + (ch - 48);
          }
        }
        inodes[i] = inode;
      }
      libc.close(dir);
    }
    Atomics.add(ctrl, 1, 1);
  }
}

/** What the reads found, per fd of the work: its socket inode (0: none), and 1 where no link could be read. */
export interface LinkResults {
  readonly inodes: Uint32Array;
  readonly missing: Uint8Array;
}

/** Result arrays for `fds` fds, shared between threads. */
export function sharedLinkResults(
  fds: number,
): LinkResults & { inodeBuffer: SharedArrayBuffer; missingBuffer: SharedArrayBuffer } {
  const inodeBuffer = new SharedArrayBuffer(4 * Math.max(1, fds));
  const missingBuffer = new SharedArrayBuffer(Math.max(1, fds));
  return { inodes: new Uint32Array(inodeBuffer), missing: new Uint8Array(missingBuffer), inodeBuffer, missingBuffer };
}

/** One shared read: started with the work, joined by the caller with `finish` (which reads chunks too). */
export class LinkReadThread {
  private readonly ctrl: Int32Array;
  private worker: Worker | null;

  private constructor(
    readonly work: LinkWork,
    control: SharedArrayBuffer,
    readonly results: LinkResults,
    worker: Worker,
  ) {
    this.ctrl = new Int32Array(control);
    this.worker = worker;
  }

  /** Starts the thread on `work`; throws only when no thread can be created. `flags`: open(2) flags of a dir. */
  static start(work: LinkWork, flags: number): LinkReadThread {
    const control = new SharedArrayBuffer(4 * 3);
    const results = sharedLinkResults(work.fds.length);
    const init: ThreadInit = {
      koffiPath: createRequire(__filename).resolve('koffi'),
      work,
      control,
      inodes: results.inodeBuffer,
      missing: results.missingBuffer,
      flags,
    };
    const source = [
      `const runLinkChunks = ${runLinkChunks.toString()};`,
      `(${linkThreadMain.toString()})(require, require('node:worker_threads').workerData);`,
    ].join('\n');
    const worker = new Worker(source, { eval: true, workerData: init });
    worker.on('error', () => undefined);
    worker.unref();
    return new LinkReadThread(work, control, results, worker);
  }

  /**
   * Reads the chunks nobody has claimed yet on this thread, waits for the ones the helper thread holds, and ends
   * it. Afterwards `results` is complete. A thread that failed (or never started) leaves its chunks to this one.
   */
  finish(openDir: (pid: number) => number, libc: Parameters<typeof runLinkChunks>[4]): void {
    runLinkChunks(this.work, this.ctrl, this.results, openDir, libc);
    const total = this.work.pids.length;
    for (;;) {
      const done = Atomics.load(this.ctrl, DONE);
      if (done >= total) break;
      // A thread that failed to load koffi claimed nothing, and every chunk was read here. (One failing part-way,
      // which nothing here can make happen, leaves its chunk's inodes at 0: the owner map retries unplaced ones.)
      if (Atomics.load(this.ctrl, STATE) === -1) break;
      Atomics.wait(this.ctrl, DONE, done, 50);
    }
    this.stop();
  }

  /** Ends the thread without waiting for its work (nothing of it is read afterwards). */
  stop(): void {
    Atomics.store(this.ctrl, NEXT, this.work.pids.length);
    void this.worker?.terminate();
    this.worker = null;
  }
}
