import { describe, expect, it } from 'vitest';
import { applyDelta, diffSockets, firstKeys, firstTableSlices } from './diff';
import { SocketDiffer } from './socket-differ';
import type { RawSocket, Socket } from '../model/socket';
import { rawSocket } from '../test-support/sockets';

const raw = (over: Partial<RawSocket> = {}): RawSocket =>
  rawSocket({
    localPort: 5000,
    remotePort: 40000,
    pid: 10,
    process: 'node',
    inode: 123,
    metrics: { rttMs: 0.1, retransmits: 0, bytesSent: 1, bytesReceived: 2 },
    ...over,
  });

describe('diffSockets', () => {
  it('reports new sockets as added with firstSeen and stateSince at now', () => {
    const d = diffSockets(new Map(), [raw()], 1000);
    expect(d.added).toHaveLength(1);
    expect(d.added[0]).toMatchObject({ firstSeen: 1000, stateSince: 1000 });
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
  });

  it('keeps an unchanged socket identical and reports nothing', () => {
    const first = diffSockets(new Map(), [raw()], 1000);
    const second = diffSockets(first.table, [raw()], 2000);
    expect(second.added).toEqual([]);
    expect(second.changed).toEqual([]);
    expect(second.removed).toEqual([]);
    expect([...second.table.values()][0]).toBe([...first.table.values()][0]);
  });

  it('treats ESTABLISHED -> TIME_WAIT (inode dropping to 0, pid lost) as a change of one socket', () => {
    const first = diffSockets(new Map(), [raw()], 1000);
    const second = diffSockets(first.table, [raw({ state: 'TIME_WAIT', inode: 0, pid: null, process: null })], 3000);
    expect(second.added).toEqual([]);
    expect(second.changed).toHaveLength(1);
    expect(second.changed[0]).toMatchObject({ state: 'TIME_WAIT', firstSeen: 1000, stateSince: 3000 });
  });

  it('keeps stateSince when only metrics change', () => {
    const first = diffSockets(new Map(), [raw()], 1000);
    const m = { rttMs: 0.2, retransmits: 0, bytesSent: 5, bytesReceived: 2 };
    const second = diffSockets(first.table, [raw({ metrics: m })], 2000);
    expect(second.changed[0]).toMatchObject({ stateSince: 1000, metrics: m });
  });

  it('reports vanished sockets as removed keys', () => {
    const first = diffSockets(new Map(), [raw(), raw({ remotePort: 40001 })], 1000);
    const second = diffSockets(first.table, [raw()], 2000);
    expect(second.removed).toEqual(['tcp4 127.0.0.1:5000 127.0.0.1:40001']);
  });

  it('keeps SO_REUSEPORT listeners apart by inode and never drops a duplicate key', () => {
    const a = raw({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0, inode: 1 });
    const b = raw({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0, inode: 2 });
    const d = diffSockets(new Map(), [a, b, a], 1000);
    expect(new Set(d.table.keys()).size).toBe(3);
    expect(d.added).toHaveLength(3);
  });

  it('applyDelta turns the previous table into the next', () => {
    const first = diffSockets(new Map(), [raw(), raw({ remotePort: 40001 })], 1000);
    const second = diffSockets(first.table, [raw({ state: 'CLOSE_WAIT' }), raw({ remotePort: 40002 })], 2000);
    const copy = new Map<string, Socket>(first.table);
    applyDelta(copy, second);
    expect([...copy.entries()].sort()).toEqual([...second.table.entries()].sort());
  });
});

describe('firstKeys', () => {
  it('gives every key diffSockets gives a first table, in order, across tables, addresses and shared ports', () => {
    // A fixed pseudo-random table crowded onto few ports: sockets sharing ports but not addresses, exact repeats
    // (a second, third ... use of one key), listeners told apart by inode, UDP and TCP, v4 and v6 on one port.
    let seed = 7;
    const next = (k: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 8) % k;
    const sockets: RawSocket[] = [];
    for (let i = 0; i < 3000; i++) {
      const family = next(2) === 0 ? 4 : 6;
      const listen = next(5) === 0;
      sockets.push(
        raw({
          proto: next(4) === 0 ? 'udp' : 'tcp',
          family,
          state: listen ? 'LISTEN' : 'ESTABLISHED',
          localAddress: family === 4 ? `127.0.0.${1 + next(3)}` : `::${1 + next(3)}`,
          localPort: 5000 + next(6),
          remoteAddress: family === 4 ? `10.0.0.${1 + next(2)}` : `fd00::${1 + next(2)}`,
          remotePort: listen ? 0 : 40000 + next(4),
          inode: next(3) === 0 ? 0 : 100 + next(2),
        }),
      );
    }
    const keyOf = firstKeys(sockets);
    const expected = [...diffSockets(new Map(), sockets, 1000).table.keys()];
    expect(sockets.map((_, i) => keyOf(i))).toEqual(expected);
    // The table is crowded enough to exercise the suffixes, well past a second use.
    expect(expected.some((k) => k.endsWith(' ~5'))).toBe(true);
    expect(new Set(expected).size).toBe(sockets.length);
  });

  it('leaves alone sockets that share ports in another table or family, or share nothing', () => {
    const tcp4 = raw({ localPort: 53, remotePort: 0, state: 'LISTEN' });
    const udp4 = raw({ proto: 'udp', localPort: 53, remotePort: 0, state: 'CLOSED' });
    const tcp6 = raw({ family: 6, localAddress: '::', remoteAddress: '::', localPort: 53, remotePort: 0 });
    const keyOf = firstKeys([tcp4, udp4, tcp6, raw()]);
    expect([0, 1, 2, 3].map(keyOf).filter((k) => k.includes(' ~'))).toEqual([]);
  });
});

describe('firstTableSlices', () => {
  it('is the table diffSockets builds from nothing, in order, shared keys suffixed the same way', () => {
    const listen = (inode: number) => raw({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0, inode });
    const aged = raw({ remotePort: 40009, kernelStateSince: 400, kernelStateSinceExact: true });
    const sockets = [listen(0), raw(), listen(0), aged, listen(0), raw({ remotePort: 40001, metrics: null })];
    const table = firstTableSlices(sockets, firstKeys(sockets), 1000).slice();
    expect(table).toEqual([...diffSockets(new Map(), sockets, 1000).table.values()]);
    expect(table.map((s) => s.key).filter((k) => k.includes(' ~'))).toHaveLength(2);
    expect(table[3]).toMatchObject({ stateSince: 400, stateSinceSource: 'kernel', stateSinceExact: true });
    expect(table[1]).toMatchObject({ firstSeen: 1000, stateSince: 1000, stateSinceSource: 'observed' });
  });

  it('cuts each slice of that table as Array.slice cuts it', () => {
    const listen = raw({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0, inode: 0 });
    const sockets = [listen, raw(), listen, raw({ remotePort: 40001 }), listen];
    const table = [...diffSockets(new Map(), sockets, 1000).table.values()];
    const slices = firstTableSlices(sockets, firstKeys(sockets), 1000);
    expect(slices.length).toBe(5);
    expect(slices.slice()).toEqual(table);
    for (const [a, b] of [
      [0, 2],
      [2, 5],
      [3, 99],
      [-2, undefined],
      [4, 1],
      [1.5, 3.7],
    ] as const)
      expect(slices.slice(a, b)).toEqual(table.slice(a, b));
    // Each slice is made anew: nothing holds the sockets between two slices.
    expect(slices.slice(0, 1)[0]).not.toBe(slices.slice(0, 1)[0]);
    // Filtered with its keys: the rows kept have the keys of the whole table (the third listener's `~2`).
    const keyOf = firstKeys(sockets);
    const kept = firstTableSlices([sockets[4]], () => keyOf(4), 1000).slice();
    expect(kept).toEqual([table[4]]);
    expect(kept[0].key).toMatch(/ ~2$/);
  });
});

describe('SocketDiffer', () => {
  it('reports nothing and keeps the table when the collector hands back the same objects', () => {
    const differ = new SocketDiffer();
    const a = raw();
    const b = raw({ remotePort: 40001 });
    expect(differ.next([a, b], 1000).added).toHaveLength(2);
    const before = differ.table;
    const d = differ.next([a, b], 2000);
    expect(d).toEqual({ added: [], removed: [], changed: [] });
    expect(differ.table).toBe(before);
  });

  it('still compares fields when objects are new but equal (collectors without identity reuse)', () => {
    const differ = new SocketDiffer();
    differ.next([raw()], 1000);
    const d = differ.next([raw()], 2000);
    expect(d).toEqual({ added: [], removed: [], changed: [] });
    expect([...differ.table.values()][0].firstSeen).toBe(1000);
  });

  it('mixes identity hits with a changed, an added and a removed socket', () => {
    const differ = new SocketDiffer();
    const keep = raw();
    const gone = raw({ remotePort: 40001 });
    const moving = raw({ remotePort: 40002 });
    differ.next([keep, gone, moving], 1000);
    const moved = { ...moving, state: 'CLOSE_WAIT' as const };
    const fresh = raw({ remotePort: 40003 });
    const d = differ.next([keep, moved, fresh], 2000);
    expect(d.removed).toEqual(['tcp4 127.0.0.1:5000 127.0.0.1:40001']);
    expect(d.changed.map((s) => [s.remotePort, s.state, s.firstSeen, s.stateSince])).toEqual([
      [40002, 'CLOSE_WAIT', 1000, 2000],
    ]);
    expect(d.added.map((s) => s.remotePort)).toEqual([40003]);
    expect(differ.table.size).toBe(3);
    // The untouched socket is the very same Socket object as before.
    expect(differ.table.get('tcp4 127.0.0.1:5000 127.0.0.1:40000')?.firstSeen).toBe(1000);
  });

  it('matches diffSockets on a random sequence of snapshots', () => {
    let seed = 7;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const pool = Array.from({ length: 40 }, (_, i) => raw({ remotePort: 41000 + i }));
    const differ = new SocketDiffer();
    let table = new Map<string, Socket>();
    for (let t = 1; t <= 30; t++) {
      for (let k = 0; k < 5; k++) {
        const i = rand(pool.length);
        if (rand(2)) pool[i] = { ...pool[i], state: rand(2) ? 'ESTABLISHED' : 'CLOSE_WAIT' };
      }
      const snap = pool.filter(() => rand(5) !== 0);
      const expected = diffSockets(table, snap, t);
      const got = differ.next(snap, t);
      expect(sortedKeys(got)).toEqual(sortedKeys(expected));
      table = expected.table;
      expect([...differ.table.keys()].sort()).toEqual([...table.keys()].sort());
    }
  });
});

describe('SocketDiffer against diffSockets, with moving counters and shared keys', () => {
  it('answers the same changes and the same sockets (rates included) on a random sequence', () => {
    let seed = 11;
    const rand = (n: number): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
    const pool = Array.from({ length: 60 }, (_, i) =>
      raw({
        remotePort: 42000 + i,
        cookie: `c${i}`,
        metrics: { rttMs: 1, retransmits: 0, bytesSent: 0, bytesReceived: 0 },
      }),
    );
    const listener = raw({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0, inode: 0 });
    const differ = new SocketDiffer();
    let table = new Map<string, Socket>();
    let sources: Map<RawSocket, Socket> | undefined;
    let at = 0;
    for (let t = 1000; t <= 60_000; t += 1000) {
      for (let k = 0; k < 8; k++) {
        const i = rand(pool.length);
        const p = pool[i];
        const m = p.metrics ?? { rttMs: 1, retransmits: 0, bytesSent: 0, bytesReceived: 0 };
        const what = rand(4);
        if (what === 0) pool[i] = { ...p, metrics: { ...m, bytesSent: (m.bytesSent ?? 0) + 100 * (1 + rand(50)) } };
        else if (what === 1) pool[i] = { ...p, state: rand(2) ? 'ESTABLISHED' : 'CLOSE_WAIT' };
        // A new connection on the same tuple: a new cookie, counters from zero.
        else if (what === 2) pool[i] = { ...p, cookie: `c${i}-${t}`, metrics: { ...m, bytesSent: rand(10) } };
      }
      const snap = pool.filter(() => rand(6) !== 0);
      // Now and then two sockets share a key (inode 0), which the diff keeps apart with a suffix.
      if (rand(5) === 0) snap.push(listener, listener);
      const expected = diffSockets(table, snap, t, sources, at || t);
      const got = differ.next(snap, t);
      const byKey = (xs: readonly Socket[]) => [...xs].sort((a, b) => (a.key < b.key ? -1 : 1));
      expect(sortedKeys(got)).toEqual(sortedKeys(expected));
      expect(byKey(got.changed)).toEqual(byKey(expected.changed));
      expect(byKey(got.added)).toEqual(byKey(expected.added));
      expect(new Map(differ.table)).toEqual(expected.table);
      table = expected.table;
      sources = expected.sources;
      at = t;
    }
  });
});

function sortedKeys(d: { added: Socket[]; removed: string[]; changed: Socket[] }): string[][] {
  return [d.added.map((s) => s.key).sort(), [...d.removed].sort(), d.changed.map((s) => s.key).sort()];
}
