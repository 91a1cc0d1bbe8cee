// SYN_RECEIVED floods: many half-open connections on one listening port (a SYN flood, or a peer that never ACKs).
import type { Finding } from '../../model/finding';
import { MAX_GROUPS, ev, grade, groupBy, keysOf, topValues, type DiagnosisInput } from './rule-input';

/** Half-open connections on one port worth a warning. */
export const SYN_RECEIVED_WARN = 100;
/** ... and critical. */
export const SYN_RECEIVED_CRITICAL = 1000;

/**
 * SYN_RECEIVED lasts one round trip on a healthy link; hundreds at once on one port mean a flood or a broken return
 * path. The kernel answers with SYN cookies once the SYN queue fills (tcp_syncookies), so data is not lost but
 * options (window scaling) may be. Quiet under SYN_RECEIVED_WARN per port.
 */
export function synFloodRule(input: DiagnosisInput): Finding[] {
  const half = input.sockets.filter((s) => s.proto === 'tcp' && s.state === 'SYN_RECEIVED');
  const findings: Finding[] = [];
  for (const [port, list] of groupBy(half, (s) => String(s.localPort))) {
    const severity = grade(list.length, SYN_RECEIVED_WARN, SYN_RECEIVED_CRITICAL);
    if (severity === 'ok' || findings.length >= MAX_GROUPS) break;
    findings.push({
      id: `syn-flood:${port}`,
      rule: 'syn-flood',
      severity,
      titleKey: 'diagnosis.synFlood.title',
      titleParams: { port, count: list.length },
      evidence: [
        ev('count', { state: 'SYN_RECEIVED', count: list.length }),
        ev('sources', { list: topValues(list, (s) => s.remoteAddress) }),
      ],
      recommendationKey: 'diagnosis.synFlood.recommendation',
      socketKeys: keysOf(list),
    });
  }
  return findings;
}
