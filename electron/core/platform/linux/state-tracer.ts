// Every TCP state change as it happens, from sock:inet_sock_set_state in a private tracefs instance (root only):
// binary per-CPU pages drained on a reader thread, decoded on drain(), the instance removed on close and on exit.
import { closeSync, constants, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { geteuid } from '../../ffi/libc';
import { ReaderThread } from '../../ffi/reader-thread';
import { FailedConnectTracker, toTransition, type FailedConnect, type TcpTransition } from './tcp-transitions';
import { MonoToEpoch } from './trace-clock';
import { TraceTasks } from './trace-tasks';
import {
  createInstance,
  findTracefs,
  INSTANCE_PREFIX,
  MOUNT_COMMAND,
  parseCpuStats,
  removeInstance,
  removeStaleInstances,
  writeControl,
} from './tracefs';
import {
  decodeRingPage,
  decodeSetState,
  parseEventFormat,
  setStateLayout,
  type SetStateLayout,
} from './trace-ring-decode';

const EVENT = path.join('events', 'sock', 'inet_sock_set_state');
/** An event's timestamp is taken when its slot is reserved and it becomes readable at commit, microseconds later. */
const COMMIT_SLACK_NS = 1_000_000;
/** How far the reader may fall behind before drain() stops waiting for it (ns). */
const STALL_NS = 2e9;

/** Why tracing is off, each with what would turn it on. */
export type TracerUnavailable =
  | { readonly code: 'NOT_ROOT' }
  | { readonly code: 'TRACEFS_NOT_MOUNTED'; readonly mountCommand: string }
  | { readonly code: 'EVENT_MISSING' }
  | { readonly code: 'INSTANCE_REFUSED'; readonly errno: string }
  | { readonly code: 'THREAD_FAILED'; readonly errno: string };

export interface TracerOptions {
  /** Ring buffer per CPU of our instance (KiB). */
  readonly bufferKiBPerCpu?: number;
  /** Instance name (tests); netinspect-<pid> otherwise. */
  readonly name?: string;
  /** Skip the root check (tests that run as root anyway set nothing; this exists for a capability-only setup). */
  readonly assumePrivileged?: boolean;
}

/** What a drain yields. */
export interface TraceDrain {
  readonly transitions: TcpTransition[];
  readonly failedConnects: FailedConnect[];
}

/** Events the tracer lost. */
export interface TraceLoss {
  readonly events: number;
  /** False when pages were dropped on our side (nobody drained): their event count is not known. */
  readonly exact: boolean;
}

/** Reads the state tracepoint through `instances/netinspect-<pid>/` until close(). */
export class StateTracer {
  private readonly failed = new FailedConnectTracker();
  private readonly clock = new MonoToEpoch();
  private readonly tasks: TraceTasks;
  /** Decoded transitions not yet handed out (see drain), with their trace-clock time (ns). */
  private held: { readonly t: TcpTransition; readonly mono: number }[] = [];
  private delivered = 0;
  /** Everything that happened before this (ms since epoch) has been handed out. */
  private upToEpoch = -Infinity;
  private closed = false;
  private readonly onExit = (): void => this.close();

  private constructor(
    private readonly instance: string,
    private readonly root: string,
    private readonly fds: readonly number[],
    private readonly freeBufferFd: number,
    private readonly cpus: readonly string[],
    private readonly reader: ReaderThread,
    private readonly layout: SetStateLayout,
  ) {
    this.tasks = new TraceTasks(root);
    process.once('exit', this.onExit);
  }

  /**
   * Opens the tracer, or says why it cannot run here; never throws. Removes instances left by netinspect
   * processes that died (kill -9) first; never touches the global buffer or anyone else's instance.
   */
  static open(options: TracerOptions = {}): StateTracer | { readonly unavailable: TracerUnavailable } {
    if (!options.assumePrivileged && geteuid() !== 0) return { unavailable: { code: 'NOT_ROOT' } };
    const root = findTracefs();
    if (root === null) return { unavailable: { code: 'TRACEFS_NOT_MOUNTED', mountCommand: MOUNT_COMMAND } };
    let layout: SetStateLayout | null = null;
    try {
      const fmt = parseEventFormat(readFileSync(path.join(root, EVENT, 'format'), 'utf8'));
      layout = fmt && setStateLayout(fmt);
    } catch {
      layout = null;
    }
    if (!layout) return { unavailable: { code: 'EVENT_MISSING' } };
    removeStaleInstances(root);
    const name = options.name ?? `${INSTANCE_PREFIX}${process.pid}`;
    let instance: string;
    try {
      instance = createInstance(root, name);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      if (code !== 'EEXIST') return { unavailable: { code: 'INSTANCE_REFUSED', errno: code } };
      // Our own name: a tracer of this process that was not closed. Start over.
      try {
        removeInstance(path.join(root, 'instances', name));
        instance = createInstance(root, name);
      } catch (again) {
        return { unavailable: { code: 'INSTANCE_REFUSED', errno: (again as NodeJS.ErrnoException).code ?? 'EEXIST' } };
      }
    }
    const opened: number[] = [];
    let freeBufferFd = -1;
    const abandon = (): void => {
      for (const fd of opened) closeSync(fd);
      if (freeBufferFd >= 0) closeSync(freeBufferFd);
      try {
        removeInstance(instance);
      } catch {
        // Left for the next start's stale cleanup (it is named after this pid).
      }
    };
    let cpus: string[];
    try {
      // mono: CLOCK_MONOTONIC, the clock the reader thread stamps each read with, so events map to epoch ms.
      writeControl(instance, 'trace_clock', 'mono');
      writeControl(instance, 'buffer_size_kb', String(options.bufferKiBPerCpu ?? 2048));
      // When full, refuse new events (counted as "dropped events") rather than overwrite unread ones.
      writeControl(instance, path.join('options', 'overwrite'), '0');
      // If this process dies, closing free_buffer (held open below) stops tracing and frees the buffer.
      writeControl(instance, path.join('options', 'disable_on_free'), '1');
      freeBufferFd = openSync(path.join(instance, 'free_buffer'), constants.O_WRONLY);
      cpus = readdirSync(path.join(instance, 'per_cpu')).filter((c) => /^cpu\d+$/.test(c));
      for (const cpu of cpus) {
        const pipe = path.join(instance, 'per_cpu', cpu, 'trace_pipe_raw');
        opened.push(openSync(pipe, constants.O_RDONLY | constants.O_NONBLOCK));
      }
    } catch (e) {
      abandon();
      return { unavailable: { code: 'INSTANCE_REFUSED', errno: (e as NodeJS.ErrnoException).code ?? String(e) } };
    }
    try {
      // Only TCP: the tracepoint also fires for SCTP and MPTCP. Best effort; drain() filters again.
      writeControl(instance, path.join(EVENT, 'filter'), 'protocol == 6');
    } catch {
      // An older kernel whose filter syntax differs: every record is still checked.
    }
    let reader: ReaderThread;
    try {
      const page = subBufferBytes(instance);
      // Each CPU's kernel buffer holds seconds of events: the thread can sleep longer than the listener's.
      const sources = opened.map((fd) => ({ fd, kind: 'read' as const, readBytes: page }));
      reader = ReaderThread.start(sources, { idleMs: 20, maxIdleMs: 200 });
    } catch (e) {
      abandon();
      return { unavailable: { code: 'THREAD_FAILED', errno: e instanceof Error ? e.message : String(e) } };
    }
    try {
      writeControl(instance, path.join(EVENT, 'enable'), '1');
    } catch (e) {
      reader.stop();
      abandon();
      return { unavailable: { code: 'INSTANCE_REFUSED', errno: (e as NodeJS.ErrnoException).code ?? String(e) } };
    }
    return new StateTracer(instance, root, opened, freeBufferFd, cpus, reader, layout);
  }

  /**
   * Transitions in time order across drains. Each CPU has its own buffer, drained in turn, so an event can reach
   * us after a later one from another CPU: an event is handed out only once every CPU has been read empty after
   * it (the reader thread's drainedUpTo), later ones wait for the next drain. With `upTo` (ms since epoch: when the
   * refresh's snapshot began), later events wait too, so a refresh's table already shows what its trace reports
   * (the timewait socket a FIN_WAIT_2 -> CLOSE step leaves behind).
   */
  drain(upTo = Infinity): TraceDrain {
    const transitions: TcpTransition[] = [];
    const failedConnects: FailedConnect[] = [];
    if (this.closed) return { transitions, failedConnects };
    // Read the mark before taking: whatever was committed before it is in what take() returns now.
    let mark = Infinity;
    for (let s = 0; s < this.fds.length; s++) {
      if (this.reader.counters(s).errno === null) mark = Math.min(mark, this.reader.drainedUpTo(s));
    }
    const chunks = this.reader.take();
    const epochAtMono = this.clock.offset();
    const nowMono = Number(process.hrtime.bigint());
    // A thread that stopped reading must not hold events forever: past STALL_NS, hand everything out.
    const read = nowMono - mark > STALL_NS ? Infinity : mark - COMMIT_SLACK_NS;
    const limit = Math.min(read, (upTo - epochAtMono) * 1e6);
    this.upToEpoch = limit === Infinity ? Infinity : epochAtMono + limit / 1e6;
    if (chunks.length > 0) this.tasks.refresh();
    for (const chunk of chunks) {
      for (let i = 0; i + 1 < chunk.offsets.length; i++) {
        const page = chunk.data.subarray(chunk.offsets[i], chunk.offsets[i + 1]);
        const dv = new DataView(page.buffer, page.byteOffset, page.length);
        for (const rec of decodeRingPage(page).records) {
          const r = decodeSetState(page, rec, this.layout, dv);
          if (!r) continue;
          const t = toTransition(r, epochAtMono + rec.ts / 1e6, this.tasks.processOf(r.pid), this.tasks.comm(r.pid));
          if (t) this.held.push({ t, mono: rec.ts });
        }
      }
    }
    if (this.held.length === 0) return { transitions, failedConnects };
    this.held.sort((a, b) => a.mono - b.mono);
    let n = 0;
    while (n < this.held.length && this.held[n].mono <= limit) transitions.push(this.held[n++].t);
    this.held = this.held.slice(n);
    for (const t of transitions) {
      const f = this.failed.note(t);
      if (f) failedConnects.push(f);
    }
    this.delivered += transitions.length;
    return { transitions, failedConnects };
  }

  /** Events lost: the instance's per-CPU overrun + dropped counters, plus pages our reader had to drop. */
  lost(): TraceLoss {
    let events = 0;
    for (const cpu of this.cpus) {
      try {
        const s = parseCpuStats(readFileSync(path.join(this.instance, 'per_cpu', cpu, 'stats'), 'utf8'));
        events += s.overrun + s.dropped;
      } catch {
        // A CPU going offline takes its directory: its count stops where it was.
      }
    }
    let pages = 0;
    for (let s = 0; s < this.fds.length; s++) pages += this.reader.counters(s).droppedReads;
    return { events, exact: pages === 0 };
  }

  /** Why the tracer stopped delivering (its thread ended or a read failed), or null while it runs. */
  failure(): string | null {
    if (this.closed) return null;
    for (let s = 0; s < this.fds.length; s++) {
      const errno = this.reader.counters(s).errno;
      if (errno !== null) return errno === -1 ? 'reader thread failed' : `read errno ${errno}`;
    }
    return this.reader.running ? null : 'reader thread ended';
  }

  /** The instance directory (tests check it is gone after close). */
  get instancePath(): string {
    return this.instance;
  }

  /**
   * Time (ms since epoch) before which every transition has been handed out by drain(): later ones may still be in
   * a CPU's buffer. Closed events wait for it, so they meet the transition they closed with.
   */
  get handedOutUpTo(): number {
    return this.upToEpoch;
  }

  get transitionsDelivered(): number {
    return this.delivered;
  }

  /** Stops the thread, closes every file, disables the event and removes the instance. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    process.removeListener('exit', this.onExit);
    this.reader.stop();
    for (const fd of this.fds) closeSync(fd);
    closeSync(this.freeBufferFd);
    try {
      removeInstance(this.instance);
    } catch {
      // Still busy or already gone: the next start's stale cleanup removes what is left.
    }
  }
}

/** The instance's sub-buffer size (bytes): what one trace_pipe_raw read must be able to hold. */
function subBufferBytes(instance: string): number {
  try {
    const kib = Number(readFileSync(path.join(instance, 'buffer_subbuf_size_kb'), 'utf8').trim());
    if (Number.isInteger(kib) && kib > 0) return kib * 1024;
  } catch {
    // Kernels before 6.8 have no such file: their sub-buffers are one page, which may be up to 64 KiB.
  }
  return 65_536;
}
