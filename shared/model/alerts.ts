// Watches and alert thresholds (persisted in settings) and the alerts core raises and clears.
import { z } from 'zod';
import { messageParamsSchema } from './errors';
import { SEVERITIES } from './finding';

/** Most ports one user may watch. */
export const MAX_WATCHED_PORTS = 64;

/** Alerts kept in core's log, oldest dropped first. */
export const ALERT_LOG_SIZE = 500;

export const alertThresholdsSchema = z
  .object({
    /** CLOSE_WAIT sockets of one process before alerting. */
    closeWaitCount: z.number().int().min(1).max(1_000_000),
    /** Age of a process's oldest CLOSE_WAIT socket before alerting (ms). */
    closeWaitAgeMs: z.number().int().min(1000).max(86_400_000),
    /** TIME_WAIT sockets on the host before alerting. */
    timeWaitCount: z.number().int().min(1).max(10_000_000),
    /** Share of the ephemeral range one (local IP, remote IP, remote port) may use before alerting (percent). */
    ephemeralUsagePct: z.number().min(1).max(100),
    /** New TCP connections per second (mean over the last 10 s) before alerting. */
    newConnectionsPerSec: z.number().min(1).max(10_000_000),
    /** Failed connects to one destination by one process in a minute before alerting. */
    failedConnectsPerMinute: z.number().int().min(1).max(10_000_000).default(20),
  })
  .strict();
/** Alert thresholds a user can edit. */
export type AlertThresholds = Readonly<z.output<typeof alertThresholdsSchema>>;

/**
 * Defaults chosen to stay quiet on a healthy host: a CLOSE_WAIT older than a minute is already a leak; 10,000
 * TIME_WAIT is where TIME_WAIT starts to matter on a busy host; half the ephemeral range to one endpoint leaves
 * little headroom for a burst.
 */
export const DEFAULT_THRESHOLDS: AlertThresholds = {
  closeWaitCount: 100,
  closeWaitAgeMs: 60_000,
  timeWaitCount: 10_000,
  ephemeralUsagePct: 50,
  newConnectionsPerSec: 2000,
  failedConnectsPerMinute: 20,
};

export const ALERT_KINDS = [
  'port-down',
  'port-owner-changed',
  'close-wait-count',
  'close-wait-age',
  'time-wait-count',
  'ephemeral-usage',
  'new-connections-rate',
  'failed-connects',
] as const;
/** What an alert is about. */
export type AlertKind = (typeof ALERT_KINDS)[number];

export const alertSchema = z.object({
  /** De-duplication key: one active alert per id (e.g. `port-down:8080`, `close-wait-age:pid:42`). */
  id: z.string(),
  kind: z.enum(ALERT_KINDS),
  severity: z.enum(SEVERITIES),
  /** i18n key of the message (`alerts.<kind>`); `params` fill it. */
  messageKey: z.string(),
  params: messageParamsSchema,
  /** When the condition was first seen (ms since epoch). */
  raisedAt: z.number(),
  /** When it cleared (ms since epoch), or null while active. One-shot alerts clear when raised. */
  clearedAt: z.number().nullable(),
  /** i18n key of the clearing message, when it says more than "cleared" (who took a port back). */
  clearKey: z.string().nullable(),
  clearParams: messageParamsSchema.nullable(),
});

/** An alert, active or cleared. */
export type Alert = z.output<typeof alertSchema>;

export const watchListSchema = z.object({
  ports: z.array(z.number().int().min(1).max(65535)).readonly(),
  thresholds: alertThresholdsSchema,
  /** Alerts active now. */
  active: z.array(alertSchema).readonly(),
});

/** The answer of `watch:list`, `watch:add` and `watch:remove`. */
export type WatchList = z.output<typeof watchListSchema>;

export const alertLogSchema = z.object({
  /** Newest last; at most ALERT_LOG_SIZE entries. */
  entries: z.array(alertSchema).readonly(),
});
