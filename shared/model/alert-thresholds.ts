// Alert thresholds and their defaults, kept free of zod so settings and CLI flags can use them cheaply.

/** Most ports one user may watch. */
export const MAX_WATCHED_PORTS = 64;

/** Alert thresholds a user can edit. */
export interface AlertThresholds {
  /** CLOSE_WAIT sockets of one process before alerting. */
  readonly closeWaitCount: number;
  /** Age of a process's oldest CLOSE_WAIT socket before alerting (ms). */
  readonly closeWaitAgeMs: number;
  /** TIME_WAIT sockets on the host before alerting. */
  readonly timeWaitCount: number;
  /** Share of the ephemeral range one (local IP, remote IP, remote port) may use before alerting (percent). */
  readonly ephemeralUsagePct: number;
  /** New TCP connections per second (mean over the last 10 s) before alerting. */
  readonly newConnectionsPerSec: number;
}

/**
 * Defaults chosen to stay quiet on a healthy host: a CLOSE_WAIT older than a minute is already a leak; 10,000
 * TIME_WAIT is where the seed article says it starts to matter; half the ephemeral range to one endpoint leaves
 * little headroom for a burst.
 */
export const DEFAULT_THRESHOLDS: AlertThresholds = {
  closeWaitCount: 100,
  closeWaitAgeMs: 60_000,
  timeWaitCount: 10_000,
  ephemeralUsagePct: 50,
  newConnectionsPerSec: 2000,
};
