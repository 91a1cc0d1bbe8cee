// The timeline over the contract: the recorder's status, a recording's facts, and the past as each channel answers it.
import { z } from 'zod';
import { closedConnectionSchema } from './connections';
import { errorDataSchema, messageParamsSchema } from './errors';
import { statsSeriesSchema, statsTransitionsSchema } from './history';
import { processInfoSchema, socketSchema } from './socket';

/** Shortest retention a recording may be given (ms): one hour. */
export const MIN_RETENTION_MS = 3_600_000;
/** Longest retention (ms): a year. */
export const MAX_RETENTION_MS = 365 * 86_400_000;
/** Default retention (ms): 7 days. */
export const DEFAULT_RETENTION_MS = 7 * 86_400_000;
/** Smallest size cap of a recording (bytes): 16 MiB, room for a few keyframes of a large table. */
export const MIN_RECORDING_BYTES = 16 * 1024 ** 2;
/** Largest size cap (bytes): 1 TiB. */
export const MAX_RECORDING_BYTES = 1024 ** 4;
/** Default size cap (bytes): 1 GiB. */
export const DEFAULT_RECORDING_BYTES = 1024 ** 3;
/** Most closed connections one `timeline:closed` answer carries. */
export const MAX_PAST_CLOSED = 10_000;
/** Most points one `timeline:stats` answer carries. */
export const MAX_PAST_POINTS = 1000;

const rangeSchema = z.object({ from: z.number(), to: z.number() }).nullable();

/**
 * Where the past comes from: `recorder` (this core records this host), `follow` (a recording another process
 * writes, read as it grows), `opened` (a recording copied from elsewhere: read-only, never modified), or `none`.
 */
export const TIMELINE_SOURCES = ['recorder', 'follow', 'opened', 'none'] as const;

/** Why recording stopped: the store's own reasons, or `refused` (the file is locked, damaged, not a recording). */
export const RECORDING_PAUSES = ['disk-full', 'unwritable', 'failed', 'refused'] as const;

export const recordingStatusSchema = z.object({
  source: z.enum(TIMELINE_SOURCES),
  /** The recording's path, or null with source `none`. */
  file: z.string().nullable(),
  /** Host name the recording was made on (from the file; this host's for source `recorder`), or null. */
  host: z.string().nullable(),
  /** The `record` setting (source `recorder`): whether this core is meant to record. */
  enabled: z.boolean(),
  /** True while ticks reach the disk. */
  recording: z.boolean(),
  /** Why ticks do not reach the disk although recording is on, or null. */
  paused: z
    .object({
      reason: z.enum(RECORDING_PAUSES),
      /** Since when (ms since epoch). */
      since: z.number(),
      /** i18n key and params of the message, English in `message`. */
      key: z.string(),
      params: messageParamsSchema.readonly(),
      message: z.string(),
      /** Ticks not written since the pause began. */
      droppedTicks: z.number().int().nonnegative(),
    })
    .nullable(),
  /** Why the recording cannot be read (source `follow` before its first tick, a damaged file ...), or null. */
  error: errorDataSchema.nullable(),
  /** Database plus write-ahead log (bytes). */
  sizeBytes: z.number().nonnegative(),
  /** The first and last instants a table can be rebuilt for (ms since epoch), or null while empty. */
  range: rangeSchema,
  /** Never written through this core (follow, opened). */
  readOnly: z.boolean(),
  /** Ticks this core wrote since it opened the recording. */
  ticksWritten: z.number().int().nonnegative(),
  /** The recorder before this one, when it ended without closing (killed): its pid, host and start (ms). */
  recoveredFrom: z.object({ pid: z.number(), host: z.string(), since: z.number() }).nullable(),
});
/** The `timeline:status` answer and event. */
export type RecordingStatus = Readonly<z.output<typeof recordingStatusSchema>>;

export const timelineInfoSchema = z.object({
  file: z.string(),
  host: z.string(),
  platform: z.string(),
  version: z.string(),
  /** When the recording was created (ms since epoch). */
  createdAt: z.number(),
  schemaVersion: z.number().int(),
  range: rangeSchema,
  /** Database plus write-ahead log (bytes). */
  sizeBytes: z.number(),
  rows: z.object({
    ticks: z.number().int(),
    keyframes: z.number().int(),
    closed: z.number().int(),
    transitions: z.number().int(),
  }),
  /** Keyframe interval (ms), retention (ms) and size cap (bytes) the last recorder used. */
  keyframeEveryMs: z.number(),
  retentionMs: z.number(),
  maxBytes: z.number(),
  /** The last recorder; `clean` is false while one records (or after one was killed). */
  writer: z.object({ pid: z.number(), host: z.string(), since: z.number(), clean: z.boolean() }).nullable(),
  /** Spans not recorded because recording was paused (ms since epoch), and why. */
  gaps: z.array(z.object({ from: z.number(), to: z.number(), reason: z.string() })).readonly(),
  source: z.enum(TIMELINE_SOURCES),
});
/** The `timeline:info` answer. */
export type TimelineInfo = Readonly<z.output<typeof timelineInfoSchema>>;

export const pastTableSchema = z.object({
  /** The time asked (ms since epoch). */
  at: z.number(),
  /** The tick whose table this is: the last one at or before `at` (ms since epoch). */
  tickAt: z.number(),
  /** Set when `at` falls where recording was paused: the table is the last one before the gap. */
  gap: z.object({ from: z.number(), to: z.number(), reason: z.string() }).nullable(),
  sockets: z.array(socketSchema).readonly(),
  processes: z.array(processInfoSchema).readonly(),
  /** Host the recording was made on. */
  host: z.string(),
});
/** The `timeline:at` answer: the table as it was. */
export type PastTable = Readonly<z.output<typeof pastTableSchema>>;

/** A window of the past (ms since epoch), `since <= until`. */
export const pastWindowSchema = z.object({ since: z.number(), until: z.number() }).strict();

export const pastClosedRequestSchema = z
  .object({
    since: z.number(),
    until: z.number(),
    limit: z.number().int().min(1).max(MAX_PAST_CLOSED).default(1000),
  })
  .strict();

export const pastClosedSchema = z.object({
  /** Oldest first, at most `limit`. */
  entries: z.array(closedConnectionSchema).readonly(),
  /** More closed in the window than `limit`. */
  truncated: z.boolean(),
});
/** The `timeline:closed` answer. */
export type PastClosed = Readonly<z.output<typeof pastClosedSchema>>;

export const pastStatsRequestSchema = z
  .object({
    since: z.number(),
    until: z.number(),
    /** Upper bound on the points answered. */
    maxPoints: z.number().int().min(2).max(MAX_PAST_POINTS).optional(),
  })
  .strict();

/** `stats:series` for a recorded window: the same points, with the window as times instead of a name. */
export const pastSeriesSchema = statsSeriesSchema.omit({ window: true }).extend({
  since: z.number(),
  until: z.number(),
});
/** `stats:transitions` for a recorded window. */
export const pastTransitionsSchema = statsTransitionsSchema.omit({ window: true }).extend({
  /** Start of the span the by-process and by-remote breakdowns cover (the window's last hour at most). */
  breakdownSince: z.number(),
});

export const pastStatsSchema = z.object({
  series: pastSeriesSchema,
  transitions: pastTransitionsSchema,
});
/** One recorded window's series. */
export type PastSeries = Readonly<z.output<typeof pastSeriesSchema>>;
/** One recorded window's transition totals. */
export type PastTransitions = Readonly<z.output<typeof pastTransitionsSchema>>;
/** The `timeline:stats` answer. */
export type PastStats = Readonly<z.output<typeof pastStatsSchema>>;

export const stepRequestSchema = z.object({ from: z.number(), direction: z.enum(['previous', 'next']) }).strict();
