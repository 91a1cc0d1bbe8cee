// What the timeline store records per tick and answers back: JSON-able records, so the socket model may grow freely.

/** Any value JSON can carry. */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [k: string]: JsonValue };

/** A JSON object. */
export type JsonObject = { readonly [k: string]: JsonValue };

/**
 * A socket as recorded: any JSON object with a stable string `key`. Every other field is stored as given, so new
 * fields of the model (owners, cookie, byte rates, stateSinceSource ...) need no schema change.
 */
export type RecordedSocket = JsonObject & { readonly key: string };

/** A process as recorded: any JSON object with a numeric `pid`. */
export type RecordedProcess = JsonObject & { readonly pid: number };

/** Where a state transition was learnt: the kernel's tracepoint, or two consecutive polls. */
export type TransitionSource = 'trace' | 'observed';

/** One state transition, as core saw it; extra fields (pid, process, remote ...) are kept as given. */
export type RecordedTransition = JsonObject & {
  readonly from: string;
  readonly to: string;
  readonly source: TransitionSource;
};

/** One refresh, as the recorder is handed it. All times are ms since the epoch. */
export interface TimelineTick {
  /** When the table was taken (ms since epoch); must increase from tick to tick. */
  readonly takenAt: number;
  /** Sockets first seen this tick. */
  readonly added: readonly RecordedSocket[];
  /** Sockets whose fields changed this tick (the whole new object). */
  readonly changed: readonly RecordedSocket[];
  /** Keys of sockets gone this tick. */
  readonly removed: readonly string[];
  /** Processes first referenced this tick (or whose details changed). */
  readonly processes: readonly RecordedProcess[];
  /** Connections that closed this tick (opaque records, e.g. from sock_diag destroy events). */
  readonly closed: readonly JsonObject[];
  /** State transitions of this tick. */
  readonly transitions: readonly RecordedTransition[];
  /** Sockets per series (`tcp4:ESTABLISHED` ...) after this tick. */
  readonly counts: Readonly<Record<string, number>>;
  /**
   * The whole table after this tick. Keyframes are taken from it when given (so a caller's delta bug cannot
   * drift the recording for long); without it the writer's own copy, kept from the deltas, is used.
   */
  readonly table?: ReadonlyMap<string, RecordedSocket> | readonly RecordedSocket[];
}

/** Transition totals of one tick by `from -> to` and source. */
export interface TransitionTotal {
  readonly from: string;
  readonly to: string;
  readonly source: TransitionSource;
  readonly count: number;
}

/** The first and last recorded instants (ms since epoch), or null for an empty recording. */
export type TimelineRange = { readonly from: number; readonly to: number } | null;

/** The socket table as it was at a time. */
export interface TableAt {
  /** The tick whose table this is: the last one at or before the time asked (ms since epoch). */
  readonly tickAt: number;
  /** How far before the asked time that tick was (ms); large values mean the recorder was not running then. */
  readonly ageMs: number;
  /** Set when the time falls where recording was paused (full disk ...): the table is the last one before it. */
  readonly gap: RecordingGap | null;
  readonly sockets: readonly RecordedSocket[];
  /** Processes referenced by those sockets. */
  readonly processes: readonly RecordedProcess[];
}

/** A span with no ticks because recording was paused (ms since epoch), and why. */
export interface RecordingGap {
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

/** One tick's summary, for stats over a window. */
export interface TickSummary {
  readonly t: number;
  readonly socketCount: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly closed: number;
  readonly transitions: readonly TransitionTotal[];
  /** Each transition record of the tick, when asked for (`detail: true`). */
  readonly detail?: readonly RecordedTransition[];
}

/** A closed-connection record with the tick it was recorded in. */
export interface ClosedAt {
  readonly t: number;
  readonly record: JsonObject;
}

/** Why recording is paused: the disk is full, or the file cannot be written. */
export type PauseReason = 'disk-full' | 'unwritable' | 'failed';

/** What the writer reports for a status bar. */
export interface WriterStatus {
  /** True while ticks reach the disk. */
  readonly recording: boolean;
  /** Why ticks do not reach the disk now, or null; recording resumes by itself once a write succeeds. */
  readonly paused: null | {
    readonly reason: PauseReason;
    /** Since when (ms since epoch). */
    readonly since: number;
    /** i18n key and params of the message to show (English in `message`). */
    readonly key: string;
    readonly params: Readonly<Record<string, string | number>>;
    readonly message: string;
    /** Ticks that could not be written since the pause began. */
    readonly droppedTicks: number;
  };
  /** The recording's size on disk: database plus its write-ahead log (bytes). */
  readonly sizeBytes: number;
  readonly range: TimelineRange;
  /** Ticks written since this writer opened. */
  readonly ticksWritten: number;
  /** The file. */
  readonly file: string;
}
