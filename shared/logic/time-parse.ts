// TIME as the CLI takes it (ISO 8601, local HH:MM[:SS] today, relative -10m) and as messages print it.
import { parseDuration } from './duration';
import { keyedError } from './input-error';

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,3})\d*)?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const RELATIVE = /^-\s*(\d+(?:\.\d+)?\s*(?:ms|s|m|h|d))$/i;

const invalid = (field: string, value: string) => keyedError('timeline.input.time', { field, value });

/** Local wall-clock parts -> ms since epoch, or NaN when a part is out of range (Feb 30, 25:00 ...). */
function localMs(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
  const date = new Date(y, mo - 1, d, h, mi, s, ms);
  // Date rolls 25:00 over into the next day: a value that does not read back as written was out of range.
  const same = date.getFullYear() === y && date.getMonth() === mo - 1 && date.getDate() === d;
  return same && h < 24 && mi < 60 && s < 60 ? date.getTime() : NaN;
}

function zoneOffsetMs(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return NaN;
  const h = Number(m[2]);
  const mi = Number(m[3] ?? 0);
  if (h > 23 || mi > 59) return NaN;
  return (m[1] === '-' ? -1 : 1) * (h * 60 + mi) * 60_000;
}

function parseIso(m: RegExpExecArray): number {
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [h, mi, s] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const ms = m[7] ? Number(m[7].padEnd(3, '0')) : 0;
  const local = localMs(y, mo, d, h, mi, s, ms);
  if (!m[8] || Number.isNaN(local)) return local;
  // With a zone, the same wall-clock parts are read as UTC and moved by the zone's offset.
  const offset = zoneOffsetMs(m[8]);
  return Date.UTC(y, mo - 1, d, h, mi, s, ms) - offset;
}

/**
 * Parses a TIME into ms since the epoch: ISO 8601 (`2026-12-01T03:02:17`, local unless it ends in `Z` or an
 * offset such as `+08:00`; a bare date is local midnight), a local clock time today (`03:02`, `03:02:17`), a time
 * before `now` (`-10m`, `-90s`, `-2h`, `-1d`), or `now`. `now` is ms since the epoch. Throws INVALID_INPUT
 * (key `timeline.input.time`) for anything else.
 */
export function parseTime(text: string, now: number, field = 'time'): number {
  const t = text.trim();
  if (t.toLowerCase() === 'now') return now;
  const rel = RELATIVE.exec(t);
  if (rel) {
    try {
      return now - parseDuration(rel[1].replace(/\s+/g, ''), field);
    } catch {
      throw invalid(field, text);
    }
  }
  const clock = CLOCK.exec(t);
  const iso = clock ? null : ISO.exec(t);
  let ms = NaN;
  if (clock) {
    const today = new Date(now);
    ms = localMs(
      today.getFullYear(),
      today.getMonth() + 1,
      today.getDate(),
      Number(clock[1]),
      Number(clock[2]),
      Number(clock[3] ?? 0),
      0,
    );
  } else if (iso) ms = parseIso(iso);
  if (!Number.isFinite(ms)) throw invalid(field, text);
  return ms;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** ms since the epoch as local `YYYY-MM-DD HH:MM:SS` (what users type back as TIME). */
export function formatLocalTime(ms: number): string {
  const d = new Date(ms);
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
  );
}
