// CLOSE_WAIT by process: the peer closed, this process never called close(). An application bug, not a kernel knob.
import type { Finding } from '../../model/finding';
import { formatEndpoint } from '../endpoint';
import { ageSeconds, ev, grade, groupBy, keysOf, topValues, worse, type DiagnosisInput } from './rule-input';

/**
 * One finding per process holding CLOSE_WAIT sockets, with the age of the oldest. Severity: warning once the
 * count or the oldest age reaches its threshold, critical at ten times; ok (reported, not yet alarming) below.
 */
export function closeWaitRule(input: DiagnosisInput): Finding[] {
  const { thresholds: t, now } = input;
  const waiting = input.sockets.filter((s) => s.proto === 'tcp' && s.state === 'CLOSE_WAIT');
  return groupBy(waiting, (s) => String(s.pid ?? '?')).map(([pidText, list]) => {
    const oldest = list.reduce((m, s) => Math.min(m, s.stateSince ?? now), Infinity);
    const ageMs = now - oldest;
    const count = list.length;
    const severity = worse(
      grade(count, t.closeWaitCount, t.closeWaitCount * 10),
      grade(ageMs, t.closeWaitAgeMs, t.closeWaitAgeMs * 10),
    );
    const first = list[0];
    const params = {
      pid: pidText,
      process: first?.process ?? '?',
      count,
      oldestS: ageSeconds(oldest, now),
    };
    return {
      id: `close-wait:pid:${pidText}`,
      rule: 'close-wait' as const,
      severity,
      titleKey: 'diagnosis.closeWait.title',
      titleParams: params,
      evidence: [
        ev('count', { state: 'CLOSE_WAIT', count }),
        ev('oldest', { seconds: params.oldestS }),
        ev('peers', { list: topValues(list, (s) => formatEndpoint(s.remoteAddress, s.remotePort)) }),
        ev('localPorts', { list: topValues(list, (s) => String(s.localPort)) }),
      ],
      recommendationKey: 'diagnosis.closeWait.recommendation',
      socketKeys: keysOf([...list].sort((a, b) => (a.stateSince ?? now) - (b.stateSince ?? now))),
    };
  });
}
