import { describe, expect, it } from 'vitest';
import type { RawSocket, Socket } from '../model/socket';
import { rawSocket } from '../test-support/sockets';
import { diffSockets } from './diff';
import { SocketDiffer } from './socket-differ';

const byKey = (xs: readonly Socket[]) => [...xs].sort((a, b) => a.key.localeCompare(b.key));

describe('SocketDiffer against the whole-snapshot diff', () => {
  it('gives the same changes and table on random snapshots with reused objects, rates and duplicate tuples', () => {
    let seed = 11;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const metrics = (sent: number) => ({ rttMs: 1, retransmits: 0, bytesSent: sent, bytesReceived: 0 });
    // Ports 0..4 are request sockets with inode 0 that can share one tuple, like SYN_RECV under SO_REUSEPORT.
    const pool: RawSocket[] = Array.from({ length: 60 }, (_, i) =>
      rawSocket({ remotePort: 42000 + (i < 10 ? i % 5 : i), inode: i < 10 ? 0 : i, metrics: metrics(0) }),
    );
    const differ = new SocketDiffer();
    let table = new Map<string, Socket>();
    let sources = new Map<RawSocket, Socket>();
    let prevAt = 0;
    for (let t = 1000; t <= 40_000; t += 1000) {
      for (let k = 0; k < 6; k++) {
        const i = rand(pool.length);
        const p = pool[i];
        const what = rand(4);
        if (what === 0) pool[i] = { ...p, state: p.state === 'ESTABLISHED' ? 'CLOSE_WAIT' : 'ESTABLISHED' };
        else if (what === 1) pool[i] = { ...p, metrics: metrics((p.metrics?.bytesSent ?? 0) + 100 * (1 + rand(5))) };
        else if (what === 2) pool[i] = { ...p, cookie: String(rand(1000)) };
        else pool[i] = { ...p }; // equal fields, another object (collectors without identity reuse)
      }
      const snap = pool.filter(() => rand(6) !== 0);
      const expected = diffSockets(table, snap, t, sources, prevAt || t);
      const got = differ.next(snap, t);
      expect(byKey(got.added)).toEqual(byKey(expected.added));
      expect(byKey(got.changed)).toEqual(byKey(expected.changed));
      expect([...got.removed].sort()).toEqual([...expected.removed].sort());
      expect(new Map(differ.table)).toEqual(expected.table);
      table = expected.table;
      sources = expected.sources;
      prevAt = t;
    }
  });

  it('answers a snapshot of the very same objects without keying them again', () => {
    const differ = new SocketDiffer();
    const a = rawSocket({ remotePort: 1 });
    const b = rawSocket({ remotePort: 2 });
    differ.next([a, b], 1000);
    const tableBefore = differ.table;
    const first = [...differ.table.values()];
    expect(differ.next([b, a], 2000)).toEqual({ added: [], removed: [], changed: [] });
    expect(differ.table).toBe(tableBefore);
    expect([...differ.table.values()]).toEqual(first);
    expect(differ.table.get(first[0].key)).toBe(first[0]);
  });

  it('drops the rates of a socket that stopped moving bytes, though its object came back unchanged', () => {
    const differ = new SocketDiffer();
    const m = (sent: number) => ({ rttMs: 1, retransmits: 0, bytesSent: sent, bytesReceived: 0 });
    differ.next([rawSocket({ metrics: m(0) })], 1000);
    const moving = rawSocket({ metrics: m(500) });
    expect(differ.next([moving], 2000).changed[0].sentBytesPerSec).toBe(500);
    const still = differ.next([moving], 3000);
    expect(still.changed.map((s) => s.sentBytesPerSec)).toEqual([0]);
    expect(differ.next([moving], 4000).changed).toEqual([]);
  });
});
