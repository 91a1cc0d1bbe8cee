// Retransmission-heavy connections (tcp_info total_retrans), grouped by process: loss or congestion on the path.
import type { Finding } from '../../model/finding';
import type { Socket } from '../../model/socket';
import { formatEndpoint } from '../endpoint';
import { MAX_GROUPS, ev, grade, groupBy, keysOf, type DiagnosisInput } from './rule-input';

/** Retransmitted segments on one connection worth a warning. */
export const RETRANSMITS_WARN = 20;
/** ... and critical. */
export const RETRANSMITS_CRITICAL = 200;

const retrans = (s: Socket): number => s.metrics?.retransmits ?? 0;

/**
 * Each retransmission means a segment or its ACK was lost (or the RTO fired early): throughput drops and latency
 * jumps. Quiet where no connection reaches RETRANSMITS_WARN or where the OS gives no tcp_info.
 */
export function retransmitRule(input: DiagnosisInput): Finding[] {
  const heavy = input.sockets.filter((s) => s.proto === 'tcp' && retrans(s) >= RETRANSMITS_WARN);
  const findings: Finding[] = [];
  for (const [pid, list] of groupBy(heavy, (s) => String(s.pid ?? '?'))) {
    if (findings.length >= MAX_GROUPS) break;
    const sorted = [...list].sort((a, b) => retrans(b) - retrans(a));
    const worst = sorted[0];
    if (!worst) continue;
    const params = {
      pid,
      process: worst.process ?? '?',
      count: list.length,
      max: retrans(worst),
    };
    findings.push({
      id: `retransmits:pid:${pid}`,
      rule: 'retransmits',
      severity: grade(params.max, RETRANSMITS_WARN, RETRANSMITS_CRITICAL),
      titleKey: 'diagnosis.retransmits.title',
      titleParams: params,
      evidence: sorted.slice(0, 3).map((s) =>
        ev('retransmits', {
          remote: formatEndpoint(s.remoteAddress, s.remotePort),
          retransmits: retrans(s),
          rttMs: s.metrics?.rttMs ?? '?',
        }),
      ),
      recommendationKey: 'diagnosis.retransmits.recommendation',
      socketKeys: keysOf(sorted),
    });
  }
  return findings;
}
