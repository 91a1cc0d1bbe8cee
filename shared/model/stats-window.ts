// History windows, kept free of zod so the CLI can parse flags without loading schemas.

/** Windows the charts and `netinspect stats` can ask for. */
export const STATS_WINDOWS = ['60s', '10m', '1h', '24h'] as const;
/** A history window. */
export type StatsWindow = (typeof STATS_WINDOWS)[number];
/** Length of each window (ms). */
export const WINDOW_MS: Readonly<Record<StatsWindow, number>> = {
  '60s': 60_000,
  '10m': 600_000,
  '1h': 3_600_000,
  '24h': 86_400_000,
};
