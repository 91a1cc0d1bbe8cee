// Failed connects by destination and process: connect() calls that went SYN_SENT -> CLOSE (refused, timed out,
// unreachable), from the Connections log of the last minute.
import type { ClosedConnection } from '../../model/connections';
import type { Finding } from '../../model/finding';
import { formatEndpoint } from '../endpoint';
import { ev, grade, groupBy, MAX_GROUPS, type DiagnosisInput } from './rule-input';

/** The window failed connects are counted over (ms). */
export const FAILED_CONNECT_WINDOW_MS = 60_000;

/** One group's key: the destination, and the process when it is known. */
function groupKey(c: ClosedConnection): string {
  return `${formatEndpoint(c.remoteAddress, c.remotePort)}|${c.pid ?? '?'}`;
}

/** Failed connects per (destination, process) in the last minute; graded by the alert threshold per minute. */
export function failedConnectGroups(
  failed: readonly ClosedConnection[],
  now: number,
): { endpoint: string; pid: number | null; process: string | null; list: ClosedConnection[] }[] {
  const recent = failed.filter((c) => c.failedConnect && now - c.closedAt <= FAILED_CONNECT_WINDOW_MS);
  return groupBy(recent, groupKey).map(([, list]) => ({
    endpoint: formatEndpoint(list[0].remoteAddress, list[0].remotePort),
    pid: list[0].pid,
    process: list[0].process,
    list,
  }));
}

/**
 * One finding per destination and caller with failed connects in the last minute. Severity: ok below the alert
 * threshold (reported), warning from it, critical at ten times. Traced, every one is counted; observed, only those
 * that lingered in SYN_SENT across a refresh, and the evidence says so.
 */
export function failedConnectRule(input: DiagnosisInput): Finding[] {
  const limit = input.thresholds.failedConnectsPerMinute;
  return failedConnectGroups(input.failedConnects, input.now)
    .slice(0, MAX_GROUPS)
    .map((g) => {
      const count = g.list.length;
      const known = g.pid !== null;
      const params = { endpoint: g.endpoint, count, pid: g.pid ?? '?', process: g.process ?? '?' };
      return {
        id: `failed-connect:${g.endpoint}:${g.pid ?? '?'}`,
        rule: 'failed-connects' as const,
        severity: grade(count, limit, limit * 10),
        titleKey: known ? 'diagnosis.failedConnect.title' : 'diagnosis.failedConnect.titleUnknown',
        titleParams: params,
        evidence: [ev(input.transitions === 'trace' ? 'failedTraced' : 'failedObserved')],
        recommendationKey: 'diagnosis.failedConnect.recommendation',
        socketKeys: [],
      };
    });
}
