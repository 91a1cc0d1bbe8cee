// Durations as users type them (500ms, 60s, 10m, 1h, 1d) and the history windows the CLI accepts.
import { MAX_REFRESH_MS, MIN_REFRESH_MS } from '../model/settings';
import { STATS_WINDOWS, WINDOW_MS, type StatsWindow } from '../model/stats-window';
import { keyedError } from './input-error';

/** Longest duration accepted (ms): 30 days. */
const MAX_DURATION_MS = 30 * 86_400_000;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses `<number><unit>` with unit ms, s, m, h or d (a bare number means seconds) into ms. Throws INVALID_INPUT
 * (key `input.duration`) for anything else, zero, or more than 30 days.
 */
export function parseDuration(text: string, field = 'duration'): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/i.exec(text);
  const unit = (m?.[2] ?? 's').toLowerCase();
  const ms = m ? Math.round(Number(m[1]) * (UNIT_MS[unit] ?? 1000)) : NaN;
  if (!Number.isFinite(ms) || ms <= 0 || ms > MAX_DURATION_MS)
    throw keyedError('input.duration', { field, value: text });
  return ms;
}

/** A duration as a user would type it back: `250ms`, `10s`, `2m`, `1h`, `1d` (the largest unit it is whole in). */
export function durationText(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/**
 * Parses a duration (see parseDuration) within [min, max] ms; outside it, INVALID_INPUT naming both bounds with the
 * message at `key` (its placeholders: field, value, min, max).
 */
export function parseBoundedDuration(
  text: string,
  field: string,
  min: number,
  max: number,
  key = 'limits.durationRange',
): number {
  const ms = parseDuration(text, field);
  if (ms < min || ms > max) {
    throw keyedError(key, { field, value: text, min: durationText(min), max: durationText(max) });
  }
  return ms;
}

/**
 * Parses a sampling interval within the app's own refresh range (MIN_REFRESH_MS..MAX_REFRESH_MS, what
 * settings:set accepts), so the CLI never ticks faster or slower than the window could.
 */
export function parseInterval(text: string, field: string): number {
  return parseBoundedDuration(text, field, MIN_REFRESH_MS, MAX_REFRESH_MS, 'limits.interval');
}

/** Parses a history window (`60s`, `1m`, `10m`, `1h`, `24h`, `1d`...) into one of STATS_WINDOWS. */
export function parseWindow(text: string): StatsWindow {
  let ms: number;
  try {
    ms = parseDuration(text, 'window');
  } catch {
    ms = NaN;
  }
  const w = STATS_WINDOWS.find((x) => WINDOW_MS[x] === ms);
  if (!w) throw keyedError('input.window', { value: text, allowed: STATS_WINDOWS.join(', ') });
  return w;
}

/** Parses a whole number >= `min` (counts in CLI flags), and <= `max` when one is given. */
export function parseCount(text: string, field: string, min = 1, max?: number): number {
  const digits = /^\d+$/.test(text.trim());
  if (max !== undefined && (!digits || Number(text) < min || Number(text) > max)) {
    throw keyedError('limits.countRange', { field, value: text, min, max });
  }
  if (!digits || Number(text) < min) throw keyedError('input.count', { field, value: text, min });
  return Number(text);
}

/** Parses a percentage 1..100 (`50` or `50%`). */
export function parsePercent(text: string, field: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 1 && n <= 100)) throw keyedError('input.percent', { field, value: text });
  return n;
}
