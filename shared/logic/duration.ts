// Durations as users type them (500ms, 60s, 10m, 1h, 1d) and the history windows the CLI accepts.
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

/** Parses a whole number >= `min` (counts in CLI flags). */
export function parseCount(text: string, field: string, min = 1): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw keyedError('input.count', { field, value: text, min });
  return Number(text);
}

/** Parses a percentage 1..100 (`50` or `50%`). */
export function parsePercent(text: string, field: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  const n = m ? Number(m[1]) : NaN;
  if (!(n >= 1 && n <= 100)) throw keyedError('input.percent', { field, value: text });
  return n;
}
