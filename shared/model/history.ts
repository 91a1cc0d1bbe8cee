// History of socket states: the time series and transition payloads core keeps per tick (observed at tick resolution).
import { z } from 'zod';
import { TCP_STATES } from './socket';
import { STATS_WINDOWS } from './stats-window';

export { STATS_WINDOWS, WINDOW_MS, type StatsWindow } from './stats-window';

/** Pseudo-state a transition comes from when the socket was not in the previous tick. */
export const NEW_STATE = 'NEW';
/** Pseudo-state a transition goes to when the socket is gone at this tick. */
export const GONE_STATE = 'GONE';
/** Where a transition may start: a TCP state or NEW. */
export const TRANSITION_FROM = [NEW_STATE, ...TCP_STATES] as const;
/** Where a transition may end: a TCP state or GONE. */
export const TRANSITION_TO = [...TCP_STATES, GONE_STATE] as const;

/** Most points one `stats:series` answer may carry. */
export const MAX_SERIES_POINTS = 1000;
/**
 * Most snapshots one CLI sampling run (`stats`, `diagnose`, `report --ticks`) may take: 24 h of 1 s ticks, the
 * longest window history keeps. Beyond it a run would only repeat what the running app already records.
 */
export const MAX_SAMPLE_TICKS = 86_400;
/** Points a `stats:series` answer carries when the request does not say. */
export const DEFAULT_SERIES_POINTS = 300;

export const statsWindowSchema = z.enum(STATS_WINDOWS);

export const transitionCountSchema = z.object({
  from: z.enum(TRANSITION_FROM),
  to: z.enum(TRANSITION_TO),
  /** Transitions observed between consecutive ticks. */
  count: z.number().int().nonnegative(),
});

export const statsPointSchema = z.object({
  /** Start of the interval (ms since epoch). */
  t: z.number(),
  /** Ticks merged into this point. */
  samples: z.number().int().nonnegative(),
  /** Mean socket count per series over the interval, aligned with `series`. */
  counts: z.array(z.number()).readonly(),
  /** TCP connections (not listeners) first seen in the interval. */
  opened: z.number().int().nonnegative(),
  /** TCP connections (not listeners) gone in the interval. */
  closed: z.number().int().nonnegative(),
  /** TCP state transitions observed in the interval. */
  transitions: z.array(transitionCountSchema).readonly(),
});

export const statsSeriesRequestSchema = z
  .object({
    window: statsWindowSchema,
    /** Upper bound on the points answered. */
    maxPoints: z.number().int().min(10).max(MAX_SERIES_POINTS).optional(),
  })
  .strict();

export const statsSeriesSchema = z.object({
  window: statsWindowSchema,
  /** Width of one point (ms). */
  resolutionMs: z.number().int().positive(),
  /** Series ids (`tcp4:ESTABLISHED`, `udp6:UNCONN` ...), in the order of each point's counts. */
  series: z.array(z.string()).readonly(),
  points: z.array(statsPointSchema).readonly(),
  /** Always 'tick': per-state counts are sampled at each refresh (a state shorter than that can be missed). */
  observedAt: z.literal('tick'),
  /**
   * How each point's transitions and churn were counted: `trace` (every TCP state change, from the kernel's
   * tracepoint, and every close, from its destroy events) or `observed` (diffs between refreshes).
   */
  transitions: z.enum(['trace', 'observed']),
  /** Refresh interval the samples were taken at (ms). */
  tickIntervalMs: z.number(),
});

export const transitionGroupSchema = z.object({
  /** `pid/process`, `?` when no owner was visible; or `address:port` of the remote end. */
  group: z.string(),
  pid: z.number().int().nullable(),
  process: z.string().nullable(),
  total: z.number().int().nonnegative(),
  transitions: z.array(transitionCountSchema).readonly(),
});

export const statsTransitionsSchema = z.object({
  window: statsWindowSchema,
  /** Start of the data actually covered (ms since epoch): breakdowns use coarser buckets for long windows. */
  from: z.number(),
  to: z.number(),
  opened: z.number().int().nonnegative(),
  closed: z.number().int().nonnegative(),
  total: z.array(transitionCountSchema).readonly(),
  /** Largest groups first; the rest summed into group `(other)`. */
  byProcess: z.array(transitionGroupSchema).readonly(),
  byRemote: z.array(transitionGroupSchema).readonly(),
  observedAt: z.literal('tick'),
  /** `trace`: exact (the kernel's tracepoint); `observed`: at each refresh, short-lived states missed. */
  transitions: z.enum(['trace', 'observed']),
});

/** One TCP state transition count. */
export type TransitionCount = z.output<typeof transitionCountSchema>;
/** One point of the history. */
export type StatsPoint = z.output<typeof statsPointSchema>;
/** The answer of `stats:series`. */
export type StatsSeries = z.output<typeof statsSeriesSchema>;
/** Transitions of one process or remote endpoint. */
export type TransitionGroup = z.output<typeof transitionGroupSchema>;
/** The answer of `stats:transitions`. */
export type StatsTransitions = z.output<typeof statsTransitionsSchema>;
