import { describe, expect, it } from 'vitest';
import type { Snapshot, SocketDelta } from '../../model/snapshot';
import type { Socket } from '../../model/socket';
import { sock } from '../../test-support/sockets';
import { checkColumns } from './wire-check';
import { decodeDelta, decodeSnapshot, WireEncoder, wireDeltaSchema, wireSnapshotSchema } from './wire-codec';

const T = 1_800_000_000_000;
const sockets: Socket[] = [
  sock({
    localPort: 1,
    firstSeen: T - 5000,
    stateSince: T - 100,
    metrics: { rttMs: 0.5, retransmits: 1, bytesSent: 9, bytesReceived: null },
  }),
  sock({
    localPort: 2,
    state: 'LISTEN',
    remotePort: 0,
    remoteAddress: '0.0.0.0',
    pid: null,
    process: null,
    user: null,
  }),
  sock({
    localPort: 3,
    pid: 10,
    process: 'nginx',
    owners: [
      { pid: 10, process: 'nginx', user: 'root' },
      { pid: 11, process: 'nginx', user: 'www-data' },
    ],
    cookie: '123',
    kernelStateSince: T - 60_000,
    kernelStateSinceExact: true,
    stateSinceSource: 'kernel',
    sentBytesPerSec: 12.5,
  }),
  sock({
    localPort: 4,
    family: 6,
    localAddress: '::1',
    remoteAddress: 'fe80::1%eth0',
    process: 'evil\u202ename',
    stateSince: null,
  }),
];
const snapshot: Snapshot = {
  seq: 7,
  takenAt: T,
  sockets,
  processes: [],
  source: 'netlink',
  ownerVisibility: 'all',
  hiddenOwners: 0,
};
const wire = <T>(v: T): unknown => JSON.parse(JSON.stringify(v));
/** Columns to break on purpose (the fields the encoder wrote). */
interface Loose {
  numbers: Record<string, unknown[]>;
  dict: string[];
  dicts: Record<string, number[]>;
  text: Record<string, unknown[]>;
  owners: unknown[];
}

describe('socket table wire form', () => {
  it('round-trips a snapshot through JSON and the check, socket for socket', () => {
    const w = wireSnapshotSchema.parse(wire(new WireEncoder().snapshot(snapshot)));
    expect(decodeSnapshot(w)).toEqual(snapshot);
  });

  it('sends a changed socket as the fields that changed, and rebuilds it on the version the receiver has', () => {
    const enc = new WireEncoder();
    enc.snapshot(snapshot);
    const moved = {
      ...sockets[0],
      metrics: { rttMs: 0.5, retransmits: 1, bytesSent: 99, bytesReceived: null },
      sentBytesPerSec: 90,
    };
    const delta: SocketDelta = {
      seq: 8,
      takenAt: T + 1000,
      added: [sock({ localPort: 5, firstSeen: T + 1000 })],
      removed: [sockets[1].key],
      changed: [moved],
      processes: [],
    };
    const w = enc.delta(delta);
    expect(w.changed.sets[0].filter((_, i) => i % 2 === 0)).toEqual([14, 24]); // metrics, sentBytesPerSec
    expect(enc.delta(delta)).toBe(w); // encoded once for every front end
    const table = new Map(sockets.map((s) => [s.key, s]));
    const back = decodeDelta(wireDeltaSchema.parse(wire(w)), (k) => table.get(k));
    expect(back).toEqual(delta);
    expect(decodeDelta(wireDeltaSchema.parse(wire(w)), () => undefined)).toBeNull();
  });

  it('refuses columns that would decode to an invalid socket', () => {
    const good = wire(new WireEncoder().snapshot(snapshot).sockets) as Loose;
    expect(checkColumns(good)).toBe(true);
    const broken = (f: (w: Loose) => void) => {
      const w = JSON.parse(JSON.stringify(good)) as Loose;
      f(w);
      return checkColumns(w);
    };
    expect(broken((w) => (w.numbers.localPort[0] = 70000))).toBe(false);
    expect(broken((w) => (w.dict[w.dicts.state[0]] = 'BOGUS'))).toBe(false);
    expect(broken((w) => w.text.key.pop())).toBe(false);
    expect(broken((w) => (w.dicts.process[0] = 999))).toBe(false);
    expect(broken((w) => (w.numbers.family[1] = 5))).toBe(false);
    expect(broken((w) => (w.owners[2] = [[10, 'x', null]]))).toBe(false);
    expect(
      wireDeltaSchema.safeParse({
        ...(wire(
          new WireEncoder().delta({ seq: 1, takenAt: T, added: [], removed: [], changed: [sockets[0]], processes: [] }),
        ) as object),
        changed: { keys: ['k'], sets: [[6, 'BOGUS']] },
      }).success,
    ).toBe(false);
  });
});
