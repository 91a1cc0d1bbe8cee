// Closed connections per second from a list of them: the log's small chart for a recorded window, where no live
// log counted them as they came.
import type { ClosedConnection } from '../../model/connections';
import { CLOSED_RATE_SECONDS, type ClosedPerSecond } from './connection-log';

/** Closes per second over the CLOSED_RATE_SECONDS ending at `until` (seconds with none included as 0). */
export function closedPerSecond(
  entries: readonly Pick<ClosedConnection, 'closedAt'>[],
  until: number,
): ClosedPerSecond[] {
  const end = Math.floor(until / 1000) * 1000;
  const start = end - (CLOSED_RATE_SECONDS - 1) * 1000;
  const counts = new Array<number>(CLOSED_RATE_SECONDS).fill(0);
  for (const e of entries) {
    const i = Math.floor((e.closedAt - start) / 1000);
    if (i >= 0 && i < CLOSED_RATE_SECONDS) counts[i]++;
  }
  return counts.map((count, i) => ({ at: start + i * 1000, count }));
}
