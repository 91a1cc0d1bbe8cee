// TIME_WAIT by remote endpoint (this host closed first as a client) and by local port (it closed first as a server).
import type { Finding } from '../../model/finding';
import type { Socket } from '../../model/socket';
import { formatEndpoint } from '../endpoint';
import {
  MAX_GROUPS,
  ephemeralSize,
  ev,
  grade,
  groupBy,
  keysOf,
  topValues,
  worse,
  type DiagnosisInput,
} from './rule-input';

/** Smallest TIME_WAIT group worth a finding: a few dozen is the normal trace of short connections. */
export const TIME_WAIT_REPORT_MIN = 50;

/**
 * The side that closes first holds TIME_WAIT for 2 MSL. As a client (local port not listening here) each one pins a
 * 4-tuple towards one remote endpoint: that is what runs out (EADDRNOTAVAIL on connect). As a server the 4-tuples
 * differ per client, so it costs only memory (small) unless the host nears tcp_max_tw_buckets.
 */
export function timeWaitRule(input: DiagnosisInput): Finding[] {
  const tw = input.sockets.filter((s) => s.proto === 'tcp' && s.state === 'TIME_WAIT');
  if (tw.length === 0) return [];
  const listening = new Set(
    input.sockets.filter((s) => s.proto === 'tcp' && s.state === 'LISTEN').map((s) => s.localPort),
  );
  const size = ephemeralSize(input.ephemeral);
  const total = tw.length;
  const hostSeverity = worse(
    grade(total, input.thresholds.timeWaitCount, Infinity),
    grade(total, (input.maxTimeWaitBuckets ?? Infinity) * 0.9, input.maxTimeWaitBuckets ?? Infinity),
  );
  const findings: Finding[] = [];
  const clientSide = tw.filter((s) => !listening.has(s.localPort));
  const serverSide = tw.filter((s) => listening.has(s.localPort));
  for (const [endpoint, list] of groupBy(clientSide, (s) => formatEndpoint(s.remoteAddress, s.remotePort))) {
    if (list.length < TIME_WAIT_REPORT_MIN || findings.length >= MAX_GROUPS) break;
    // The 4-tuple budget is per (local IP, remote endpoint): the busiest local address decides.
    const perLocal = groupBy(list, (s) => s.localAddress)[0]?.[1].length ?? list.length;
    const pct = Math.round((perLocal / size) * 1000) / 10;
    const severity = worse(grade(pct, input.thresholds.ephemeralUsagePct, 90), hostSeverity);
    findings.push(
      finding(`time-wait:remote:${endpoint}`, severity, 'client', list, {
        endpoint,
        count: list.length,
        pct,
        total,
      }),
    );
  }
  let serverFindings = 0;
  for (const [port, list] of groupBy(serverSide, (s) => String(s.localPort))) {
    if (list.length < TIME_WAIT_REPORT_MIN || serverFindings++ >= MAX_GROUPS) break;
    findings.push(
      finding(`time-wait:local:${port}`, hostSeverity, 'server', list, { port, count: list.length, total }),
    );
  }
  if (findings.length === 0 && hostSeverity !== 'ok') {
    findings.push(finding('time-wait:total', hostSeverity, 'host', tw, { count: total, total }));
  }
  return findings;
}

function finding(
  id: string,
  severity: Finding['severity'],
  side: 'client' | 'server' | 'host',
  list: readonly Socket[],
  params: Record<string, string | number>,
): Finding {
  return {
    id,
    rule: 'time-wait',
    severity,
    titleKey: `diagnosis.timeWait.${side}Title`,
    titleParams: params,
    evidence: [
      ev('count', { state: 'TIME_WAIT', count: list.length }),
      ev('hostTotal', { state: 'TIME_WAIT', count: Number(params.total ?? list.length) }),
      ev(side === 'server' ? 'peers' : 'localAddresses', {
        list: topValues(list, (s) =>
          side === 'server' ? formatEndpoint(s.remoteAddress, s.remotePort) : s.localAddress,
        ),
      }),
      ev(`closedFirst.${side}`),
    ],
    recommendationKey: `diagnosis.timeWait.${side}Recommendation`,
    socketKeys: keysOf(list),
  };
}
