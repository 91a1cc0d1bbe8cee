// The alert conditions true at one tick: watched ports without a listener, and thresholds crossed.
import type { AlertKind, AlertThresholds } from '../../model/alerts';
import type { EphemeralRange, Severity } from '../../model/finding';
import type { Socket } from '../../model/socket';
import type { ClosedConnection } from '../../model/connections';
import { ephemeralFindings, spendsEphemeralPort } from '../diagnosis/ephemeral-port-rule';
import { failedConnectGroups } from '../diagnosis/failed-connect-rule';
import { groupBy } from '../diagnosis/rule-input';

/** One condition that holds now; the tracker turns its appearance into a raise and its absence into a clear. */
export interface Condition {
  readonly id: string;
  readonly kind: AlertKind;
  readonly severity: Severity;
  readonly params: Readonly<Record<string, string | number>>;
}

/** What the conditions are evaluated on. */
export interface ConditionInput {
  readonly sockets: readonly Socket[];
  /** When the table was taken (ms since epoch). */
  readonly now: number;
  readonly watchedPorts: readonly number[];
  readonly thresholds: AlertThresholds;
  /** New TCP connections per second over the recent past. */
  readonly newConnectionsPerSec: number;
  readonly ephemeral: EphemeralRange;
  /** Recent failed connects (from the Connections log). */
  readonly failedConnects?: readonly ClosedConnection[];
}

/** The listener owners per watched port (`pid/process` strings, sorted; empty when nothing listens). */
export function listenerOwners(sockets: readonly Socket[], ports: readonly number[]): Map<number, string[]> {
  // Every refresh asks, most often with no port watched: then the table is not walked at all.
  if (ports.length === 0) return new Map();
  const watched = new Set(ports);
  const out = new Map<number, string[]>(ports.map((p) => [p, []]));
  for (const s of sockets) {
    if (s.proto !== 'tcp' || s.state !== 'LISTEN' || !watched.has(s.localPort)) continue;
    const owner = `${s.pid ?? '?'}/${s.process ?? '?'}`;
    const list = out.get(s.localPort);
    if (list && !list.includes(owner)) list.push(owner);
  }
  for (const list of out.values()) list.sort();
  return out;
}

/** Every condition that holds for `input`; `listeners`: listenerOwners of it, when the caller has them already. */
export function evaluateConditions(
  input: ConditionInput,
  listeners: ReadonlyMap<number, readonly string[]> = listenerOwners(input.sockets, input.watchedPorts),
): Condition[] {
  const { thresholds: t, now } = input;
  const out: Condition[] = [];
  for (const [port, owners] of listeners) {
    if (owners.length === 0)
      out.push({ id: `port-down:${port}`, kind: 'port-down', severity: 'critical', params: { port } });
  }
  // One walk of the table for the rest (at 40,000 sockets each walk costs a few ms on every refresh).
  const { low, high } = input.ephemeral;
  const closeWait: Socket[] = [];
  const used: Socket[] = [];
  let tw = 0;
  for (const s of input.sockets) {
    if (s.proto !== 'tcp') continue;
    if (s.state === 'CLOSE_WAIT') closeWait.push(s);
    else if (s.state === 'TIME_WAIT') tw++;
    if (spendsEphemeralPort(s, low, high)) used.push(s);
  }
  for (const [pid, list] of groupBy(closeWait, (s) => String(s.pid ?? '?'))) {
    const process = list[0]?.process ?? '?';
    if (list.length >= t.closeWaitCount) {
      out.push({
        id: `close-wait-count:pid:${pid}`,
        kind: 'close-wait-count',
        severity: 'warning',
        params: { pid, process, count: list.length, limit: t.closeWaitCount },
      });
    }
    const oldest = list.reduce((m, s) => Math.min(m, s.stateSince ?? now), Infinity);
    if (now - oldest >= t.closeWaitAgeMs) {
      out.push({
        id: `close-wait-age:pid:${pid}`,
        kind: 'close-wait-age',
        severity: 'warning',
        params: {
          pid,
          process,
          count: list.length,
          oldestS: Math.floor((now - oldest) / 1000),
          limitS: t.closeWaitAgeMs / 1000,
        },
      });
    }
  }
  if (tw >= t.timeWaitCount) {
    out.push({
      id: 'time-wait-count',
      kind: 'time-wait-count',
      severity: 'warning',
      params: { count: tw, limit: t.timeWaitCount },
    });
  }
  const pressure = ephemeralFindings(used, { ephemeral: input.ephemeral, thresholds: t });
  for (const f of pressure) {
    out.push({
      id: `ephemeral-usage:${f.id}`,
      kind: 'ephemeral-usage',
      severity: f.severity,
      params: { ...f.titleParams, limit: t.ephemeralUsagePct },
    });
  }
  for (const g of failedConnectGroups(input.failedConnects ?? [], now)) {
    if (g.list.length < t.failedConnectsPerMinute) continue;
    out.push({
      id: `failed-connects:${g.endpoint}:${g.pid ?? '?'}`,
      kind: 'failed-connects',
      severity: 'warning',
      params: {
        endpoint: g.endpoint,
        process: g.process ?? '?',
        count: g.list.length,
        limit: t.failedConnectsPerMinute,
      },
    });
  }
  if (input.newConnectionsPerSec >= t.newConnectionsPerSec) {
    out.push({
      id: 'new-connections-rate',
      kind: 'new-connections-rate',
      severity: 'warning',
      params: { rate: Math.round(input.newConnectionsPerSec), limit: t.newConnectionsPerSec },
    });
  }
  return out;
}
