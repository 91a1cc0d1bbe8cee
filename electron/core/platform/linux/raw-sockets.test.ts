// RawSocket reuse: kept only for the same row object with the same owner, found by the decoder's origins.
import { describe, expect, it } from 'vitest';
import type { ProcessInfo, RawSocket } from '../../../../shared/model/socket';
import type { KernelSocket } from './kernel-socket';
import {
  OWNER_HIDDEN,
  OWNER_NONE,
  OWNER_SHARED,
  OWNER_UNKNOWN,
  ownerCode,
  RawSocketMemo,
  withOwner,
  type TableRun,
} from './raw-sockets';

const row = (port: number, facts: Partial<KernelSocket> = {}): KernelSocket => ({
  proto: 'tcp',
  family: 4,
  state: 'ESTABLISHED',
  localAddress: '127.0.0.1',
  localPort: port,
  remoteAddress: '127.0.0.1',
  remotePort: 80,
  uid: 1000,
  inode: port,
  recvQueue: 0,
  sendQueue: 0,
  metrics: null,
  cookie: String(port),
  kernelStateSince: null,
  kernelStateSinceExact: false,
  ...facts,
});

const proc = (pid: number, name: string, user = 'alice'): ProcessInfo => ({
  pid,
  name,
  exe: null,
  cmdline: null,
  user,
  uid: 1000,
  startTime: null,
  ppid: 1,
});

describe('withOwner', () => {
  it('keeps the previous object only while pid, process, user and uid stay the same', () => {
    const r = row(1);
    const a = withOwner(r, 10, proc(10, 'node'));
    expect(a).toMatchObject({ pid: 10, process: 'node', user: 'alice', uid: 1000, localPort: 1 });
    // A new ProcessInfo object with the same visible fields (e.g. details re-read) changes nothing shown.
    expect(withOwner(r, 10, proc(10, 'node'), a)).toBe(a);
    expect(withOwner(r, 11, proc(11, 'node'), a)).not.toBe(a);
    expect(withOwner(r, 10, proc(10, 'deno'), a)).not.toBe(a);
    expect(withOwner(r, 10, proc(10, 'node', 'bob'), a)).not.toBe(a);
    expect(withOwner(r, null, null, a)).toMatchObject({ pid: null, process: null, uid: 1000 });
  });

  it('keeps the previous object of a shared socket only while every holder, in order, stays the same', () => {
    const r = row(2);
    const held = (...pids: number[]) => pids.map((p) => ({ pid: p, info: proc(p, p === 20 ? 'nginx' : 'worker') }));
    const a = withOwner(r, 20, proc(20, 'nginx'), undefined, held(20, 21));
    expect(a.owners).toEqual([
      { pid: 20, process: 'nginx', user: 'alice' },
      { pid: 21, process: 'worker', user: 'alice' },
    ]);
    expect(withOwner(r, 20, proc(20, 'nginx'), a, held(20, 21))).toBe(a);
    expect(withOwner(r, 20, proc(20, 'nginx'), a, held(20, 22)).owners.map((o) => o.pid)).toEqual([20, 22]);
    expect(withOwner(r, 20, proc(20, 'nginx'), a, held(20, 21, 22))).not.toBe(a);
    expect(withOwner(r, 20, proc(20, 'nginx'), a, held(20))).not.toBe(a);
    const renamed = [held(20)[0], { pid: 21, info: proc(21, 'renamed') }];
    expect(withOwner(r, 20, proc(20, 'nginx'), a, renamed).owners[1].process).toBe('renamed');
    // One holder left: the plain owner list, a new object.
    const alone = withOwner(r, 20, proc(20, 'nginx'), a);
    expect(alone).not.toBe(a);
    expect(alone.owners).toEqual([{ pid: 20, process: 'nginx', user: 'alice' }]);
    expect(withOwner(r, 20, proc(20, 'nginx'), alone)).toBe(alone);
    // Unowned before and now: kept; owned now: a new object.
    const none = withOwner(r, null, null);
    expect(withOwner(r, null, null, none)).toBe(none);
    expect(withOwner(r, 20, proc(20, 'nginx'), none).owners).toHaveLength(1);
  });

  it('carries the cookie and the kernel age onto the RawSocket', () => {
    const r = row(5, { state: 'CLOSE_WAIT', cookie: '18446744073709551615', kernelStateSince: 1_700_000_000_123 });
    expect(withOwner(r, 10, proc(10, 'node'))).toMatchObject({
      state: 'CLOSE_WAIT',
      cookie: '18446744073709551615',
      kernelStateSince: 1_700_000_000_123,
      kernelStateSinceExact: false,
    });
    expect(withOwner(row(6, { kernelStateSinceExact: true, kernelStateSince: 1 }), null, null)).toMatchObject({
      kernelStateSince: 1,
      kernelStateSinceExact: true,
    });
  });
});

describe('RawSocketMemo', () => {
  /** Last snapshot's RawSocket for row `i` of `run` (rows[i] === r), when the decoder kept that row's object. */
  const previous = (memo: RawSocketMemo, run: TableRun, i: number, r: KernelSocket): RawSocket | undefined => {
    const p = memo.position(run, i, r);
    return p < 0 ? undefined : memo.lastRun(run.table)?.sockets[p];
  };
  /** The owner map's version when `table`'s remembered run was made, or null before any. */
  const ownerVersion = (memo: RawSocketMemo, table: number): number | null => memo.lastRun(table)?.ownerVersion ?? null;

  function snapshot(memo: RawSocketMemo, rows: KernelSocket[], runs: TableRun[], ownerVersion = 0): RawSocket[] {
    const sockets: RawSocket[] = [];
    for (const run of runs)
      for (let i = run.start; i < run.end; i++)
        sockets[i] = withOwner(rows[i], 10, proc(10, 'node'), previous(memo, run, i, rows[i]));
    const inodes = Float64Array.from(rows, (r) => r.inode);
    memo.remember(
      runs,
      rows,
      sockets,
      ownerVersion,
      inodes,
      Int32Array.from(rows, () => 10),
    );
    return sockets;
  }

  it('finds the previous RawSocket through the origins, per table, and nothing for new rows', () => {
    const memo = new RawSocketMemo(2);
    const t0 = [row(1), row(2), row(3)];
    const t1 = [row(7)];
    const first = snapshot(
      memo,
      [...t0, ...t1],
      [
        { table: 0, start: 0, end: 3, origins: Int32Array.of(-1, -1, -1) },
        { table: 1, start: 3, end: 4, origins: Int32Array.of(-1) },
      ],
    );
    // Table 0: row 2 removed, a new row inserted first; table 1 unchanged.
    const fresh = row(9);
    const rows = [fresh, t0[0], t0[2], t1[0]];
    const second = snapshot(memo, rows, [
      { table: 0, start: 0, end: 3, origins: Int32Array.of(-1, 0, 2) },
      { table: 1, start: 3, end: 4, origins: Int32Array.of(0) },
    ]);
    expect(second[1]).toBe(first[0]);
    expect(second[2]).toBe(first[2]);
    expect(second[3]).toBe(first[3]);
    expect(second[0].localPort).toBe(9);
  });

  it('ignores an origin whose row is not the same object, and keeps a table that fell back to /proc/net', () => {
    const memo = new RawSocketMemo(1);
    const rows = [row(1), row(2)];
    const first = snapshot(memo, rows, [{ table: 0, start: 0, end: 2, origins: Int32Array.of(-1, -1) }]);
    expect(previous(memo, { table: 0, start: 0, end: 2, origins: Int32Array.of(0, 1) }, 0, row(1))).toBeUndefined();
    // One tick from /proc/net (no origins): the run stays the reference the decoder also still compares against.
    snapshot(memo, [row(1), row(2)], [{ table: 0, start: 0, end: 2, origins: null }]);
    const third = snapshot(memo, rows, [{ table: 0, start: 0, end: 2, origins: Int32Array.of(0, 1) }]);
    expect(third[0]).toBe(first[0]);
    expect(third[1]).toBe(first[1]);
  });

  it("remembers the owner map's version each table's run was made at, the older one for a table from /proc/net", () => {
    const memo = new RawSocketMemo(2);
    expect(ownerVersion(memo, 0)).toBeNull();
    const runs = (origins: Int32Array | null): TableRun[] => [
      { table: 0, start: 0, end: 1, origins: Int32Array.of(-1) },
      { table: 1, start: 1, end: 2, origins },
    ];
    snapshot(memo, [row(1), row(2)], runs(Int32Array.of(-1)), 4);
    snapshot(memo, [row(1), row(2)], runs(null), 5);
    // Table 1 came from /proc/net: its remembered run, and so its owners, are still those of version 4.
    expect([ownerVersion(memo, 0), ownerVersion(memo, 1)]).toEqual([5, 4]);
  });

  it("recalls a kept row's inode and owner by position, its owner only at the version its run was made at", () => {
    const memo = new RawSocketMemo(2);
    const a = row(1, { inode: 501 });
    const b = row(2, { inode: 502 });
    const c = row(3, { inode: 503 });
    const runs0: TableRun[] = [
      { table: 0, start: 0, end: 2, origins: Int32Array.of(-1, -1) },
      { table: 1, start: 2, end: 3, origins: Int32Array.of(-1) },
    ];
    const sockets = [a, b, c].map((r) => withOwner(r, 10, proc(10, 'node')));
    memo.remember(runs0, [a, b, c], sockets, 7, Float64Array.of(501, 502, 503), Int32Array.of(10, OWNER_HIDDEN, 12));
    // b kept in table 0 (now first), a new row after it; c kept in table 1, whose run is then at another version.
    const fresh = row(4, { inode: 504 });
    const runs1: TableRun[] = [
      { table: 0, start: 0, end: 2, origins: Int32Array.of(1, -1) },
      { table: 1, start: 2, end: 3, origins: Int32Array.of(0) },
    ];
    // The recalled inode is the remembered one, not the row's: a kept row is not read.
    const r = memo.recall(runs1, [{ ...b, inode: 999 }, fresh, c], 7);
    expect([...r.at]).toEqual([-1, -1, 2]);
    const kept = memo.recall(runs1, [b, fresh, c], 7);
    expect([...kept.at]).toEqual([1, -1, 2]);
    expect([...kept.inodes]).toEqual([502, 504, 503]);
    expect([...kept.owners]).toEqual([OWNER_HIDDEN, OWNER_UNKNOWN, 12]);
    // At another owner-map version nothing is known of the owners, the positions and inodes still are.
    const later = memo.recall(runs1, [b, fresh, c], 8);
    expect([...later.owners]).toEqual([OWNER_UNKNOWN, OWNER_UNKNOWN, OWNER_UNKNOWN]);
    expect([...later.inodes]).toEqual([502, 504, 503]);
  });

  it('codes an owner as its pid, shared, hidden (an inode no process holds) or none', () => {
    expect(ownerCode(42, 7, false)).toBe(42);
    expect(ownerCode(42, 7, true)).toBe(OWNER_SHARED);
    expect(ownerCode(null, 7, false)).toBe(OWNER_HIDDEN);
    expect(ownerCode(null, 0, false)).toBe(OWNER_NONE);
  });

  it('hands out inode and code arrays again only once no remembered run holds them', () => {
    const memo = new RawSocketMemo(2);
    const rows = [row(1), row(2)];
    const runs = (second: Int32Array | null): TableRun[] => [
      { table: 0, start: 0, end: 1, origins: Int32Array.of(-1) },
      { table: 1, start: 1, end: 2, origins: second },
    ];
    const snapshot = (second: Int32Array | null) => {
      const r = memo.recall(runs(second), rows, 0);
      r.codes.fill(10);
      memo.remember(runs(second), rows, [], 0, r.inodes, r.codes);
      return r.inodes.buffer;
    };
    const a = snapshot(Int32Array.of(-1));
    const b = snapshot(Int32Array.of(-1));
    expect(b).not.toBe(a);
    // Both tables moved on to b: a is free again.
    expect(snapshot(Int32Array.of(-1))).toBe(a);
    // Table 1 from /proc/net keeps its run of a, so neither a nor b (held by table 0 until now) is handed out.
    const c = snapshot(null);
    expect(c).toBe(b);
    const d = snapshot(Int32Array.of(-1));
    expect([a, b]).not.toContain(d);
    // The recalled inodes are those of the rows, whatever the arrays held before.
    expect([...memo.recall(runs(Int32Array.of(-1)), [row(7, { inode: 77 }), row(8, { inode: 88 })], 0).inodes]).toEqual(
      [77, 88],
    );
  });
});
