// The socket table as columns for the browser-mode wire: one array per field, strings through one dictionary,
// times relative to one base. 40,000 sockets are 25 MB as objects and some 4 MB as columns, and parse and check
// in a fraction of the time.
import type { Socket } from '../../model/socket';

/** Fields sent as dictionary indexes (few distinct values: states, addresses, names). */
export const DICT_FIELDS = [
  'proto',
  'localAddress',
  'remoteAddress',
  'state',
  'process',
  'user',
  'stateSinceSource',
] as const;
/** Fields sent as plain strings (one per socket, nothing to share). */
export const TEXT_FIELDS = ['key', 'cookie'] as const;
/** Numeric fields (null allowed). */
export const NUMBER_FIELDS = [
  'family',
  'localPort',
  'remotePort',
  'pid',
  'uid',
  'inode',
  'recvQueue',
  'sendQueue',
  'sentBytesPerSec',
  'receivedBytesPerSec',
] as const;
/** Times (ms since epoch) sent as offsets from the table's base, which keeps the numbers short. */
export const TIME_FIELDS = ['firstSeen', 'stateSince', 'kernelStateSince'] as const;
export const BOOL_FIELDS = ['kernelStateSinceExact', 'stateSinceExact'] as const;
/** tcp_info metrics: a presence column `m` (0/1) and one column each. */
export const METRIC_FIELDS = ['rttMs', 'retransmits', 'bytesSent', 'bytesReceived'] as const;

type DictField = (typeof DICT_FIELDS)[number];
type TextField = (typeof TEXT_FIELDS)[number];
type NumberField = (typeof NUMBER_FIELDS)[number];
type TimeField = (typeof TIME_FIELDS)[number];
type BoolField = (typeof BOOL_FIELDS)[number];
type MetricField = (typeof METRIC_FIELDS)[number];

/** One socket's owners when they are not the usual: [pid, process index, user index] each (indexes or null). */
export type WireOwners = readonly (readonly [number, number | null, number | null])[];

/** A socket table in columns (`wire: 'columns/1'` tells it from a list of objects). */
export interface WireColumns {
  readonly wire: 'columns/1';
  readonly n: number;
  /** Times are `base + offset` (ms since epoch). */
  readonly base: number;
  readonly dict: readonly string[];
  readonly text: Readonly<Record<TextField, readonly (string | null)[]>>;
  readonly dicts: Readonly<Record<DictField, readonly (number | null)[]>>;
  readonly numbers: Readonly<Record<NumberField | TimeField | MetricField | 'm', readonly (number | null)[]>>;
  readonly bools: Readonly<Record<BoolField, readonly (0 | 1)[]>>;
  /**
   * Per socket: null for the usual owners (one, repeating pid/process/user; none when pid is null), else the list.
   * Forked workers sharing a listener are the exception.
   */
  readonly owners: readonly (WireOwners | null)[];
}

/** True when `s.owners` is what pid/process/user already say. */
function usualOwners(s: Socket): boolean {
  const o = s.owners;
  if (s.pid === null) return o.length === 0;
  return o.length === 1 && o[0].pid === s.pid && o[0].process === s.process && o[0].user === s.user;
}

/**
 * Encodes `sockets` (times relative to `base`, ms), field by field as decodeColumns reads them. A loop over the
 * field lists, reading each socket's fields by a name held in a variable, took 121-182 ms for 50,000 sockets where
 * this takes 77-143 (more with many distinct addresses: the dictionary's lookups). The columns are typed by the
 * lists, so a field added to one and not here does not compile.
 */
export function encodeColumns(sockets: readonly Socket[], base: number): WireColumns {
  const n = sockets.length;
  const dict: string[] = [];
  const index = new Map<string, number>();
  const ref = (v: string | null): number | null => {
    if (v === null) return null;
    let i = index.get(v);
    if (i === undefined) {
      i = dict.length;
      dict.push(v);
      index.set(v, i);
    }
    return i;
  };
  const col = <T>(): T[] => new Array<T>(n);
  const text: Record<TextField, (string | null)[]> = { key: col(), cookie: col() };
  const dicts: Record<DictField, (number | null)[]> = {
    proto: col(),
    localAddress: col(),
    remoteAddress: col(),
    state: col(),
    process: col(),
    user: col(),
    stateSinceSource: col(),
  };
  const numbers: Record<NumberField | TimeField | MetricField | 'm', (number | null)[]> = {
    family: col(),
    localPort: col(),
    remotePort: col(),
    pid: col(),
    uid: col(),
    inode: col(),
    recvQueue: col(),
    sendQueue: col(),
    sentBytesPerSec: col(),
    receivedBytesPerSec: col(),
    firstSeen: col(),
    stateSince: col(),
    kernelStateSince: col(),
    m: col(),
    rttMs: col(),
    retransmits: col(),
    bytesSent: col(),
    bytesReceived: col(),
  };
  const bools: Record<BoolField, (0 | 1)[]> = { kernelStateSinceExact: col(), stateSinceExact: col() };
  const owners = col<WireOwners | null>();
  const time = (v: number | null): number | null => (v === null ? null : v - base);
  for (let i = 0; i < n; i++) {
    const s = sockets[i];
    text.key[i] = s.key;
    text.cookie[i] = s.cookie;
    dicts.proto[i] = ref(s.proto);
    dicts.localAddress[i] = ref(s.localAddress);
    dicts.remoteAddress[i] = ref(s.remoteAddress);
    dicts.state[i] = ref(s.state);
    dicts.process[i] = ref(s.process);
    dicts.user[i] = ref(s.user);
    dicts.stateSinceSource[i] = ref(s.stateSinceSource);
    numbers.family[i] = s.family;
    numbers.localPort[i] = s.localPort;
    numbers.remotePort[i] = s.remotePort;
    numbers.pid[i] = s.pid;
    numbers.uid[i] = s.uid;
    numbers.inode[i] = s.inode;
    numbers.recvQueue[i] = s.recvQueue;
    numbers.sendQueue[i] = s.sendQueue;
    numbers.sentBytesPerSec[i] = s.sentBytesPerSec;
    numbers.receivedBytesPerSec[i] = s.receivedBytesPerSec;
    numbers.firstSeen[i] = s.firstSeen - base;
    numbers.stateSince[i] = time(s.stateSince);
    numbers.kernelStateSince[i] = time(s.kernelStateSince);
    const m = s.metrics;
    numbers.m[i] = m === null ? 0 : 1;
    numbers.rttMs[i] = m === null ? null : m.rttMs;
    numbers.retransmits[i] = m === null ? null : m.retransmits;
    numbers.bytesSent[i] = m === null ? null : m.bytesSent;
    numbers.bytesReceived[i] = m === null ? null : m.bytesReceived;
    bools.kernelStateSinceExact[i] = s.kernelStateSinceExact ? 1 : 0;
    bools.stateSinceExact[i] = s.stateSinceExact ? 1 : 0;
    owners[i] = usualOwners(s) ? null : s.owners.map((o) => [o.pid, ref(o.process), ref(o.user)] as const);
  }
  return { wire: 'columns/1', n, base, dict, text, dicts, numbers, bools, owners };
}

/**
 * Decodes columns that passed `checkColumns` (wire-check.ts) back into sockets, field by field (an object spread
 * per row would cost several times more, see socket-derive.ts).
 */
export function decodeColumns(w: WireColumns): Socket[] {
  const out = new Array<Socket>(w.n);
  const { dict, text, dicts: d, numbers: x, bools: b, base } = w;
  const str = (i: number | null): string | null => (i === null ? null : dict[i]);
  const time = (v: number | null): number | null => (v === null ? null : base + v);
  for (let i = 0; i < w.n; i++) {
    const pid = x.pid[i];
    const process = str(d.process[i]);
    const user = str(d.user[i]);
    const own = w.owners[i];
    out[i] = {
      proto: dict[d.proto[i] as number] as Socket['proto'],
      family: x.family[i] as Socket['family'],
      localAddress: dict[d.localAddress[i] as number],
      localPort: x.localPort[i] as number,
      remoteAddress: dict[d.remoteAddress[i] as number],
      remotePort: x.remotePort[i] as number,
      state: dict[d.state[i] as number] as Socket['state'],
      pid,
      process,
      user,
      uid: x.uid[i],
      inode: x.inode[i],
      recvQueue: x.recvQueue[i],
      sendQueue: x.sendQueue[i],
      metrics:
        x.m[i] === 1
          ? {
              rttMs: x.rttMs[i],
              retransmits: x.retransmits[i],
              bytesSent: x.bytesSent[i],
              bytesReceived: x.bytesReceived[i],
            }
          : null,
      owners:
        own === null
          ? pid === null
            ? []
            : [{ pid, process, user }]
          : own.map(([p, proc, u]) => ({ pid: p, process: str(proc), user: str(u) })),
      cookie: text.cookie[i],
      kernelStateSince: time(x.kernelStateSince[i]),
      kernelStateSinceExact: b.kernelStateSinceExact[i] === 1,
      key: text.key[i] as string,
      firstSeen: time(x.firstSeen[i]) as number,
      stateSince: time(x.stateSince[i]),
      stateSinceSource: dict[d.stateSinceSource[i] as number] as Socket['stateSinceSource'],
      stateSinceExact: b.stateSinceExact[i] === 1,
      sentBytesPerSec: x.sentBytesPerSec[i],
      receivedBytesPerSec: x.receivedBytesPerSec[i],
    };
  }
  return out;
}
