// Times on the timeline as people read them: the clock alone today, the date too for other days.
import { formatLocalTime } from '../../../../shared/logic/time-parse';

/** `03:02:17` for a time today, `2026-11-30 03:02:17` for another day (local time). */
export function formatClock(ms: number, now = Date.now()): string {
  const full = formatLocalTime(ms);
  return full.slice(0, 10) === formatLocalTime(now).slice(0, 10) ? full.slice(11) : full;
}
