// The kernel's own event sources as the collector holds them: closed connections for everyone, every state
// transition when root; one drain per tick, and per source whether it is on, why not, and what turns it on.
import { translate } from '../../../../shared/i18n/translate';
import type { SocketState } from '../../../../shared/model/socket';
import { geteuid } from '../../ffi/libc';
import type { ClosedSocket } from './closed-socket-decode';
import {
  ClosedSocketListener,
  type ClosedListenerOptions,
  type ClosedListenerUnavailable,
} from './closed-socket-listener';
import { StateTracer, type TracerOptions, type TracerUnavailable } from './state-tracer';
import type { FailedConnect, TcpTransition } from './tcp-transitions';

/** The two sources. */
export type KernelSourceName = 'closedSockets' | 'stateTrace';

/** A user-visible text: its i18n key and params, and the English text for logs and the CLI. */
export interface LocalizedText {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: string;
}

/** One source's state, for collector:status, the status bar and the Charts view. */
export interface KernelSourceStatus {
  readonly source: KernelSourceName;
  readonly on: boolean;
  /** Why it is off (or stopped), or null while on. */
  readonly reason: LocalizedText | null;
  /** The one action that would turn it on, or null when none exists (e.g. a reader thread that failed). */
  readonly action: LocalizedText | null;
  /** Events handed out so far. */
  readonly delivered: number;
  /** Events the kernel (or a full queue) lost so far. */
  readonly lost: number;
  /** False when `lost` is a minimum (the exact count could not be read). */
  readonly lostExact: boolean;
}

/** What one drain yields. */
export interface KernelEventsDrain {
  /** Sockets freed since the last drain, oldest first; `lastState` is filled in where the trace saw it. */
  readonly closed: ClosedSocket[];
  /** Every traced transition since the last drain (empty when tracing is off). */
  readonly transitions: TcpTransition[];
  /** Connects that went SYN_SENT -> CLOSE, attributed to the connect() caller (traced only). */
  readonly failedConnects: FailedConnect[];
}

export interface KernelEventsOptions {
  /** Whether to try tracing; by default when running as root (euid 0). */
  readonly trace?: boolean;
  readonly listener?: ClosedListenerOptions;
  readonly tracer?: TracerOptions;
  /** How often an off source whose cause may go away (tracefs not mounted) is tried again (ms). */
  readonly retryMs?: number;
}

type Off = { readonly reason: LocalizedText; readonly action: LocalizedText | null };

function text(key: string, params: Readonly<Record<string, string | number>> = {}): LocalizedText {
  return { key, params, message: translate('en', key, params) };
}

/** What the listener's unavailability means to a user. */
export function closedOff(u: ClosedListenerUnavailable): Off {
  switch (u.code) {
    case 'NO_SOCK_DIAG':
      return {
        reason: text('kernelEvents.reason.noSockDiag', { errno: u.errno }),
        action: text('kernelEvents.action.allowNetlink'),
      };
    case 'GROUPS_REFUSED':
      return {
        reason: text('kernelEvents.reason.groupsRefused', { errno: u.errno }),
        action: text('kernelEvents.action.allowNetlink'),
      };
    case 'NO_DESTROY_GROUPS':
      return {
        reason: text('kernelEvents.reason.noDestroyGroups'),
        action: text('kernelEvents.action.newerKernel', { version: '4.5' }),
      };
    case 'THREAD_FAILED':
      return { reason: text('kernelEvents.reason.threadFailed', { errno: u.errno }), action: null };
  }
}

/** What the tracer's unavailability means to a user. */
export function traceOff(u: TracerUnavailable): Off {
  switch (u.code) {
    case 'NOT_ROOT':
      return { reason: text('kernelEvents.reason.notRoot'), action: text('kernelEvents.action.elevate') };
    case 'TRACEFS_NOT_MOUNTED':
      return {
        reason: text('kernelEvents.reason.tracefsNotMounted'),
        action: text('kernelEvents.action.mount', { command: u.mountCommand }),
      };
    case 'EVENT_MISSING':
      return {
        reason: text('kernelEvents.reason.eventMissing'),
        action: text('kernelEvents.action.newerKernel', { version: '4.16' }),
      };
    case 'INSTANCE_REFUSED':
      return {
        reason: text('kernelEvents.reason.instanceRefused', { errno: u.errno }),
        action: text('kernelEvents.action.writableTracefs'),
      };
    case 'THREAD_FAILED':
      return { reason: text('kernelEvents.reason.threadFailed', { errno: u.errno }), action: null };
  }
}

/** With tracing on, how long closed events wait for the transition they closed with (ms); see the settler. */
const TRACE_WAIT_MS = 100;

/**
 * Holds both sources for the collector worker: open() once, drain() each tick, status() for the UI, close() at
 * the end. Nothing here throws: a source that cannot run is off, with its reason and action.
 */
export class KernelEvents {
  private listener: ClosedSocketListener | null = null;
  private tracer: StateTracer | null = null;
  private listenerOff: Off | null = null;
  private tracerOff: Off | null = null;
  private tracerRetryAt = Infinity;

  private constructor(private readonly options: KernelEventsOptions) {}

  static open(options: KernelEventsOptions = {}): KernelEvents {
    const k = new KernelEvents(options);
    const trace = options.trace ?? geteuid() === 0;
    const opened = ClosedSocketListener.open({ minHoldMs: trace ? TRACE_WAIT_MS : 0, ...options.listener });
    if ('unavailable' in opened) k.listenerOff = closedOff(opened.unavailable);
    else k.listener = opened;
    if (trace) k.openTracer(Date.now());
    else k.tracerOff = traceOff({ code: 'NOT_ROOT' });
    return k;
  }

  /**
   * Everything up to `now` (when the refresh's snapshot began) since the last drain. Traced transitions go first, so
   * the closed events can use them.
   */
  drain(now = Date.now()): KernelEventsDrain {
    if (!this.tracer && now >= this.tracerRetryAt) this.openTracer(now);
    const traced = this.tracer?.drain(now) ?? { transitions: [], failedConnects: [] };
    const evidence = this.listener?.evidence;
    if (evidence) for (const t of traced.transitions) evidence.noteTransition(t, t.at);
    // A closed event waits until the trace has been read past it (the tracer's reader may be idling): the state it
    // closed from and who closed it come from there. A tracer that stopped holds nothing back.
    const tracer = this.tracer && this.tracer.failure() === null ? this.tracer : null;
    const until = tracer ? Math.min(now, tracer.handedOutUpTo + TRACE_WAIT_MS) : now;
    const closed = this.listener?.drain(until) ?? [];
    return { closed, transitions: traced.transitions, failedConnects: traced.failedConnects };
  }

  /**
   * Sockets a poll saw (cookie and state): one seen in CLOSE_WAIT, LAST_ACK or CLOSING has counted the peer's FIN,
   * which settles its payload count when it closes (see closed-event-settler.ts). Cheap; call it once per tick.
   */
  noteSockets(rows: Iterable<{ readonly cookie: string | null; readonly state: SocketState }>, at = Date.now()): void {
    const evidence = this.listener?.evidence;
    if (!evidence) return;
    for (const r of rows) if (r.cookie !== null) evidence.noteSocket(r.cookie, r.state, at);
  }

  /** Both sources: on or off, why, what turns it on, and what they delivered and lost. */
  status(): KernelSourceStatus[] {
    return [this.sourceStatus('closedSockets'), this.sourceStatus('stateTrace')];
  }

  /** Closes both sources (the tracer removes its tracefs instance). */
  close(): void {
    this.listener?.close();
    this.tracer?.close();
    this.listener = null;
    this.tracer = null;
    this.tracerRetryAt = Infinity;
  }

  private openTracer(now: number): void {
    const opened = StateTracer.open(this.options.tracer);
    if ('unavailable' in opened) {
      this.tracerOff = traceOff(opened.unavailable);
      // Only an unmounted tracefs is worth trying again: the user may mount it as the action says.
      this.tracerRetryAt =
        opened.unavailable.code === 'TRACEFS_NOT_MOUNTED' ? now + (this.options.retryMs ?? 30_000) : Infinity;
    } else {
      this.tracer = opened;
      this.tracerOff = null;
      this.tracerRetryAt = Infinity;
    }
  }

  private sourceStatus(source: KernelSourceName): KernelSourceStatus {
    const running = source === 'closedSockets' ? this.listener : this.tracer;
    const off = source === 'closedSockets' ? this.listenerOff : this.tracerOff;
    if (!running) {
      const why = off ?? { reason: text('kernelEvents.reason.failed', { detail: 'closed' }), action: null };
      return { source, on: false, ...why, delivered: 0, lost: 0, lostExact: true };
    }
    const lost = running.lost();
    const failure = running.failure();
    const delivered = running instanceof ClosedSocketListener ? running.info().delivered : running.transitionsDelivered;
    return {
      source,
      on: failure === null,
      reason: failure === null ? null : text('kernelEvents.reason.failed', { detail: failure }),
      action: failure === null ? null : text('kernelEvents.action.restart'),
      delivered,
      lost: lost.events,
      lostExact: lost.exact,
    };
  }
}
