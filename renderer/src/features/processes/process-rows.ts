// What the Processes view shows of a row, as pure functions: states and listeners as short text, the sockets a
// process holds (shared ones included), and the rows in the order shown.
import { sortTopRows } from '../../../../shared/logic/traffic/top-rows';
import type { ProcessTraffic } from '../../../../shared/model/processes';
import { SOCKET_STATES, type Socket } from '../../../../shared/model/socket';

const STATE_ORDER = new Map<string, number>(SOCKET_STATES.map((s, i) => [s, i]));

/** `LISTEN 1 · ESTABLISHED 3`, in the usual order of states. */
export function statesText(states: Readonly<Record<string, number>>): string {
  return Object.entries(states)
    .filter(([, n]) => n > 0)
    .sort((a, b) => (STATE_ORDER.get(a[0]) ?? 99) - (STATE_ORDER.get(b[0]) ?? 99))
    .map(([state, n]) => `${state} ${n}`)
    .join(' · ');
}

/** `tcp 80, 443 · udp 53`. */
export function listeningText(listening: ProcessTraffic['listening']): string {
  const by = new Map<string, number[]>();
  for (const l of listening) by.set(l.proto, [...(by.get(l.proto) ?? []), l.port]);
  return [...by].map(([proto, ports]) => `${proto} ${ports.join(', ')}`).join(' · ');
}

/** The sockets `pid` holds in the table, listeners first, then by remote address; a shared listener counts too. */
export function socketsOf(pid: number, table: Iterable<Socket>): Socket[] {
  const out: Socket[] = [];
  for (const s of table) if (s.pid === pid || (s.owners.length > 1 && s.owners.some((o) => o.pid === pid))) out.push(s);
  const listener = (s: Socket) => (s.state === 'LISTEN' || s.remotePort === 0 ? 0 : 1);
  return out.sort(
    (a, b) =>
      listener(a) - listener(b) ||
      (a.remoteAddress < b.remoteAddress ? -1 : a.remoteAddress > b.remoteAddress ? 1 : 0) ||
      a.localPort - b.localPort,
  );
}

/** Rows in the order shown: busiest now first (bytes since seen break ties), live before idle before exited. */
export function orderedRows(rows: readonly ProcessTraffic[]): ProcessTraffic[] {
  return sortTopRows(rows, 'rate');
}
