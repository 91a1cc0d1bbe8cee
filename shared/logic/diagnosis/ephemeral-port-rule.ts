// Ephemeral port pressure per (local IP, remote IP, remote port): predicts EADDRNOTAVAIL / WSAEADDRINUSE on connect.
import type { Finding } from '../../model/finding';
import type { Socket } from '../../model/socket';
import { formatEndpoint } from '../endpoint';
import { MAX_GROUPS, ephemeralSize, ev, grade, groupBy, keysOf, topValues, type DiagnosisInput } from './rule-input';

/** True for a socket that spends a port of the ephemeral range [low, high] towards its remote endpoint. */
export function spendsEphemeralPort(s: Socket, low: number, high: number): boolean {
  return s.proto === 'tcp' && s.state !== 'LISTEN' && s.remotePort !== 0 && s.localPort >= low && s.localPort <= high;
}

/**
 * A connect() needs a local port no other socket uses towards the same remote endpoint from the same local IP. Every
 * socket in any state (TIME_WAIT included) whose local port lies in the ephemeral range spends one. Fires when one
 * (local IP, remote endpoint) uses `ephemeralUsagePct` of the range (critical at 90 %); quiet below.
 */
export function ephemeralPortRule(input: DiagnosisInput): Finding[] {
  const { low, high } = input.ephemeral;
  return ephemeralFindings(
    input.sockets.filter((s) => spendsEphemeralPort(s, low, high)),
    input,
  );
}

/** The rule's findings from `used`, the sockets of `input` that spend an ephemeral port (spendsEphemeralPort). */
export function ephemeralFindings(
  used: readonly Socket[],
  input: Pick<DiagnosisInput, 'ephemeral' | 'thresholds'>,
): Finding[] {
  const { low, high } = input.ephemeral;
  const size = ephemeralSize(input.ephemeral);
  // The alerts run this rule on every refresh, over the whole table. A group's sockets share their remote port, and
  // a group that fires holds at least `least` of them (its rounded percentage reaches the threshold): only sockets
  // of remote ports with that many are keyed and grouped, which changes no finding; usually there are none.
  const least = Math.max(1, Math.floor(((input.thresholds.ephemeralUsagePct - 0.05) * size) / 100) - 1);
  const perPort = new Uint32Array(65536);
  let crowdedPorts = 0;
  for (const s of used) if (++perPort[s.remotePort] === least) crowdedPorts++;
  if (crowdedPorts === 0) return [];
  const crowded = used.filter((s) => perPort[s.remotePort] >= least);
  const findings: Finding[] = [];
  for (const [, list] of groupBy(
    crowded,
    (s) => `${s.localAddress} ${formatEndpoint(s.remoteAddress, s.remotePort)}`,
  )) {
    const pct = Math.round((list.length / size) * 1000) / 10;
    const severity = grade(pct, input.thresholds.ephemeralUsagePct, 90);
    if (severity === 'ok' || findings.length >= MAX_GROUPS) break;
    const first = list[0];
    if (!first) continue;
    const params = {
      local: first.localAddress,
      remote: formatEndpoint(first.remoteAddress, first.remotePort),
      count: list.length,
      size,
      pct,
      low,
      high,
    };
    findings.push({
      id: `ephemeral:${first.localAddress}>${params.remote}`,
      rule: 'ephemeral-ports',
      severity,
      titleKey: 'diagnosis.ephemeral.title',
      titleParams: params,
      evidence: [
        ev('usage', { count: list.length, size, pct }),
        ev('range', { low, high, excluded: input.ephemeral.excluded }),
        ev('states', { list: topValues(list, (s) => s.state) }),
      ],
      recommendationKey: 'diagnosis.ephemeral.recommendation',
      socketKeys: keysOf(list),
    });
  }
  return findings;
}
