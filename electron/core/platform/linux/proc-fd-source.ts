// The real /proc behind the owner map: getdents64 + readlinkat into reused buffers, or plain node:fs as fallback.
import { readdirSync, readFileSync, readlinkSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { LinkReadThread, runLinkChunks, type LinkResults, type LinkWork } from '../../ffi/fd-link-thread';
import {
  close,
  directoryCallsAvailable,
  ErrnoError,
  getdents64,
  O_CLOEXEC,
  O_DIRECTORY,
  O_RDONLY,
  open,
  readlinkat,
} from '../../ffi/libc';

/** The slice of /proc the owner map reads; injectable so the caching rules can be tested without real processes. */
export interface ProcFdSource {
  /** Pids of every visible process. */
  listPids(): number[];
  /** Fd numbers of `pid`, 'denied' when its fd directory is not readable (EACCES/EPERM), 'gone' when it exited. */
  listFds(pid: number): number[] | 'denied' | 'gone';
  /** The socket inode fd `fd` of `pid` refers to; 0 for anything else, or when the fd is gone. */
  readFdLink(pid: number, fd: number): number;
  /**
   * How many fds `pid` has open, as the kernel counts them (the size of /proc/<pid>/fd, Linux 6.2 on): a cheap way to
   * tell that its fd table changed. Null when unknown (an older kernel, the process gone or hidden); absent where
   * the source cannot tell.
   */
  fdCount?(pid: number): number | null;
  /** Releases what a scan held open (a directory fd); called once the owner map is done reading. */
  release?(): void;
  /**
   * Starts reading every fd and link of `pids` at once (a cold scan), where the source can share that work with a
   * second thread; the caller does other work (the kernel's socket dump) before taking the result.
   */
  readAll?(pids: readonly number[]): PendingFdScan;
}

/** One process's fds and, per fd, the socket inode it links to (0: not a socket). */
export interface FdLinks {
  readonly fds: readonly number[];
  readonly inodes: ArrayLike<number>;
}

/** A scan started by readAll. */
export interface PendingFdScan {
  /** Finishes the reads (taking part in them on this thread) and returns what each process holds. */
  result(): Map<number, FdLinks | 'denied' | 'gone'>;
  /** Drops the scan unread. */
  cancel(): void;
}

/** Links per chunk of work: small enough for both threads to finish close together, large enough to be cheap. */
const LINK_CHUNK = 1024;
/**
 * Below this many fds a cold scan reads on one thread: a thread takes some 20-30 ms of a core to start, about what
 * 8,000 readlinkat calls take.
 */
export const PARALLEL_MIN_FDS = 8_000;

const SOCKET_PREFIX = 'socket:[';
const PREFIX_BYTES = Array.from(SOCKET_PREFIX, (c) => c.charCodeAt(0));

/** Parses `socket:[12345]` into 12345; 0 for any other link text (pipes, files, anon inodes). */
export function socketInodeFromLink(link: string): number {
  if (!link.startsWith(SOCKET_PREFIX)) return 0;
  let n = 0;
  for (let i = SOCKET_PREFIX.length; i < link.length; i++) {
    const c = link.charCodeAt(i);
    if (c === 93 /* ] */) return i > SOCKET_PREFIX.length ? n : 0;
    if (c < 48 || c > 57) return 0;
    n = n * 10 + (c - 48);
  }
  return 0;
}

/** The same parse over the first `len` bytes of `buf` (a readlink result), without making a string. */
export function socketInodeFromBytes(buf: Uint8Array, len: number): number {
  const p = PREFIX_BYTES.length;
  if (len <= p) return 0;
  for (let i = 0; i < p; i++) if (buf[i] !== PREFIX_BYTES[i]) return 0;
  let n = 0;
  for (let i = p; i < len; i++) {
    const c = buf[i];
    if (c === 93 /* ] */) return i > p ? n : 0;
    if (c < 48 || c > 57) return 0;
    n = n * 10 + (c - 48);
  }
  return 0;
}

const LE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** linux_dirent64: d_reclen (u16) at 16, d_name at 19. */
const DIRENT_RECLEN = 16;
const DIRENT_NAME = 19;

/**
 * Appends the names of `buf[0, len)` (getdents64 records) that are decimal numbers to `out`, as numbers: fds and
 * pids are all /proc names we want, and `.`, `..` and `self` are not. Returns false on a malformed record.
 */
export function numericDirents(buf: Uint8Array, len: number, out: number[]): boolean {
  const dv = new DataView(buf.buffer, buf.byteOffset, len);
  for (let off = 0; off < len;) {
    if (len - off < DIRENT_NAME + 1) return false;
    const reclen = dv.getUint16(off + DIRENT_RECLEN, LE);
    if (reclen < DIRENT_NAME + 1 || reclen > len - off) return false;
    let n = 0;
    let i = off + DIRENT_NAME;
    const end = off + reclen;
    for (; i < end; i++) {
      const c = buf[i];
      if (c < 48 || c > 57) break;
      n = n * 10 + (c - 48);
    }
    if (i > off + DIRENT_NAME && (i === end || buf[i] === 0)) out.push(n);
    off += reclen;
  }
  return true;
}

/** Writes `n` as NUL-terminated decimal into `buf` (a path name for readlinkat). */
function writeDecimal(n: number, buf: Uint8Array): void {
  let digits = 1;
  for (let v = n; v >= 10; v = Math.floor(v / 10)) digits++;
  buf[digits] = 0;
  for (let i = digits - 1, v = n; i >= 0; i--, v = Math.floor(v / 10)) buf[i] = 48 + (v % 10);
}

/**
 * /proc through libc: one open directory fd per pid, names listed with getdents64 and links read with readlinkat
 * relative to it, all into buffers reused across calls, so a cold scan of 80,000 fds makes no strings at all.
 */
export class LibcProcFdSource implements ProcFdSource {
  private readonly dents = new Uint8Array(64 * 1024);
  private readonly link = new Uint8Array(64);
  private readonly name = new Uint8Array(16);
  private dirPid = -1;
  private dirFd = -1;

  /** Cold scans that shared their reads with a second thread (for tests and benchmarks). */
  threadedScans = 0;
  private readonly parallel: boolean;
  private readonly parallelMinFds: number;
  private readonly byNumber: boolean;

  /**
   * `parallel`: whether a big cold scan may use a second thread (benchmarks compare both ways); `parallelMinFds`:
   * from how many fds (tests lower it to exercise the thread on a small machine).
   */
  constructor(o: { readonly parallel?: boolean; readonly parallelMinFds?: number; readonly byNumber?: boolean } = {}) {
    this.parallel = o.parallel ?? true;
    this.parallelMinFds = o.parallelMinFds ?? PARALLEL_MIN_FDS;
    this.byNumber = o.byNumber ?? true;
  }

  listPids(): number[] {
    const out: number[] = [];
    const fd = open('/proc', O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    try {
      this.readNames(fd, out);
    } finally {
      close(fd);
    }
    return out;
  }

  listFds(pid: number): number[] | 'denied' | 'gone' {
    const fd = this.openFdDir(pid);
    if (typeof fd === 'string') return fd;
    const out: number[] = [];
    try {
      this.readNames(fd, out);
    } catch {
      return 'gone'; // the process exited while we listed it
    }
    return out;
  }

  readFdLink(pid: number, fd: number): number {
    const dir = this.openFdDir(pid);
    if (typeof dir === 'string') return 0;
    writeDecimal(fd, this.name);
    try {
      return socketInodeFromBytes(this.link, readlinkat(dir, this.name, this.link));
    } catch {
      return 0; // closed between getdents and readlink
    }
  }

  fdCount(pid: number): number | null {
    return openFdCount(pid);
  }

  readAll(pids: readonly number[]): PendingFdScan {
    const lists = new Map<number, number[] | 'denied' | 'gone'>();
    const chunkPids: number[] = [];
    const starts: number[] = [];
    const flat: number[] = [];
    const readable: [number, number[]][] = [];
    /** Pids whose fds are read by number, without a listing: only the links that could be read are fds. */
    const byNumber = new Set<number>();
    for (const pid of pids) {
      const size = this.byNumber ? fdTableToReadByNumber(pid) : null;
      const dir = size === null ? null : this.openFdDir(pid);
      if (size !== null && typeof dir === 'number') {
        byNumber.add(pid);
        const all = Array.from({ length: size }, (_, fd) => fd);
        lists.set(pid, all);
        readable.push([pid, all]);
        continue;
      }
      const fds = this.listFds(pid);
      lists.set(pid, fds);
      if (typeof fds !== 'string') readable.push([pid, fds]);
    }
    this.release();
    // Chunks of the processes in turn: two threads in one process's fd table at once wait on its lock (task_lock),
    // so each claims the next process's chunk rather than the next chunk of the same one.
    for (let i = 0, more = true; more; i += LINK_CHUNK) {
      more = false;
      for (const [pid, fds] of readable) {
        if (i >= fds.length) continue;
        more = true;
        chunkPids.push(pid);
        starts.push(flat.length);
        for (let k = i; k < Math.min(fds.length, i + LINK_CHUNK); k++) flat.push(fds[k]);
      }
    }
    starts.push(flat.length);
    const work: LinkWork = {
      pids: Int32Array.from(chunkPids),
      starts: Int32Array.from(starts),
      fds: Int32Array.from(flat),
    };
    let thread: LinkReadThread | null = null;
    if (this.parallel && flat.length >= this.parallelMinFds && availableParallelism() > 1) {
      try {
        thread = LinkReadThread.start(work, DIR_FLAGS);
        this.threadedScans++;
      } catch {
        thread = null; // no thread for us: this one reads everything
      }
    }
    return {
      result: () => {
        let results: LinkResults;
        if (thread) {
          thread.finish(openDirOrMinus1, RAW_LIBC);
          results = thread.results;
        } else {
          results = { inodes: new Uint32Array(flat.length), missing: new Uint8Array(flat.length) };
          runLinkChunks(work, new Int32Array(3), results, openDirOrMinus1, RAW_LIBC);
        }
        this.readlinks += flat.length;
        const { inodes, missing } = results;
        // A process's chunks come in its fd order, so appending chunk by chunk gives each its fds in order. A listed
        // fd whose link could not be read closed meanwhile (0, as a non-socket: read again later); a number read
        // without a listing is an fd only if its link could be read.
        const links = new Map<number, { fds: number[]; inodes: number[] }>();
        for (let c = 0; c < chunkPids.length; c++) {
          const pid = chunkPids[c];
          let list = links.get(pid);
          if (!list) links.set(pid, (list = { fds: [], inodes: [] }));
          const listed = !byNumber.has(pid);
          for (let i = starts[c]; i < starts[c + 1]; i++) {
            if (listed || missing[i] === 0) {
              list.fds.push(flat[i]);
              list.inodes.push(inodes[i]);
            }
          }
        }
        const out = new Map<number, FdLinks | 'denied' | 'gone'>();
        for (const [pid, fds] of lists) out.set(pid, typeof fds === 'string' ? fds : (links.get(pid) ?? EMPTY_LINKS));
        return out;
      },
      cancel: () => thread?.stop(),
    };
  }

  /** readlinkat calls made by readAll (the owner map counts its own; this counts those it delegated). */
  readlinks = 0;

  release(): void {
    if (this.dirFd >= 0) close(this.dirFd);
    this.dirFd = -1;
    this.dirPid = -1;
  }

  /** The fd directory of `pid`, kept open for the links that follow its listing (pass 1 reads them right after). */
  private openFdDir(pid: number): number | 'denied' | 'gone' {
    if (this.dirPid === pid) return this.dirFd;
    this.release();
    try {
      this.dirFd = open(`/proc/${pid}/fd`, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } catch (e) {
      const code = e instanceof ErrnoError ? e.code : '';
      return code === 'EACCES' || code === 'EPERM' ? 'denied' : 'gone';
    }
    this.dirPid = pid;
    return this.dirFd;
  }

  private readNames(fd: number, out: number[]): void {
    for (;;) {
      const n = getdents64(fd, this.dents);
      if (n === 0) return;
      if (!numericDirents(this.dents, n, out)) throw new Error('getdents64 returned a malformed record');
    }
  }
}

const DIR_FLAGS = O_RDONLY | O_DIRECTORY | O_CLOEXEC;

const EMPTY_LINKS: FdLinks = { fds: [], inodes: [] };

/**
 * From how many open fds a process's fds are read by number rather than listed: listing /proc/<pid>/fd makes the
 * kernel build an entry per fd (getdents64 cost some 40 ms of a cold scan at 40,000 sockets), while reading a number
 * that names no fd fails at once. Below this, a listing costs less than the numbers it would skip.
 */
export const READ_BY_NUMBER_MIN_FDS = 512;

/**
 * The size of `pid`'s fd table (every fd is below it) when reading its fds by number pays: it has many open fds
 * (the fd directory's size, Linux 6.2 on; 0 before) and the table is dense (no more than twice as many numbers to
 * try as fds, plus a little). Null: list them.
 */
export function fdTableToReadByNumber(pid: number): number | null {
  let status: string;
  const open = openFdCount(pid);
  if (open === null || open < READ_BY_NUMBER_MIN_FDS) return null;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'latin1');
  } catch {
    return null; // gone, or not ours to look at: the listing says which
  }
  const m = /^FDSize:\s*(\d+)$/m.exec(status);
  const size = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(size) && size <= 2 * open + 64 ? size : null;
}

/** Whether /proc/<pid>/fd has the count of open fds for its size (Linux 6.2 on; 0 before): ours is never empty. */
let fdCountsKnown: boolean | null = null;

/** The count of open fds of `pid` from the size of its fd directory; null where the kernel does not give it. */
export function openFdCount(pid: number): number | null {
  try {
    fdCountsKnown ??= statSync('/proc/self/fd').size > 0;
    return fdCountsKnown ? statSync(`/proc/${pid}/fd`).size : null;
  } catch {
    return null; // gone, or not ours to look at
  }
}

/** /proc/<pid>/fd opened, or -1 (the process exited or hides it): runLinkChunks then leaves its inodes at 0. */
function openDirOrMinus1(pid: number): number {
  try {
    return open(`/proc/${pid}/fd`, DIR_FLAGS);
  } catch {
    return -1;
  }
}

/** The libc calls runLinkChunks makes, answering -1 instead of throwing (a closed fd is no error there). */
const RAW_LIBC = {
  readlinkat: (dirfd: number, name: Uint8Array, buf: Uint8Array): number => {
    try {
      return readlinkat(dirfd, name, buf);
    } catch {
      return -1;
    }
  },
  close: (fd: number): number => {
    close(fd);
    return 0;
  },
};

/** /proc through synchronous node:fs calls: where the libc directory calls cannot be loaded. */
export const fsProcFdSource: ProcFdSource = {
  listPids(): number[] {
    const out: number[] = [];
    for (const name of readdirSync('/proc')) {
      const c = name.charCodeAt(0);
      if (c >= 48 && c <= 57) out.push(Number(name));
    }
    return out;
  },
  listFds(pid: number): number[] | 'denied' | 'gone' {
    try {
      return readdirSync(`/proc/${pid}/fd`).map(Number);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return code === 'EACCES' || code === 'EPERM' ? 'denied' : 'gone';
    }
  },
  readFdLink(pid: number, fd: number): number {
    try {
      return socketInodeFromLink(readlinkSync(`/proc/${pid}/fd/${fd}`));
    } catch {
      return 0; // closed between readdir and readlink
    }
  },
  fdCount: openFdCount,
};

/** The fastest /proc reader this system supports. */
export function defaultProcFdSource(): ProcFdSource {
  return directoryCallsAvailable() ? new LibcProcFdSource() : fsProcFdSource;
}
