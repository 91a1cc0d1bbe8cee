import { describe, expect, it } from 'vitest';
import {
  chooseSplit,
  EVERY_STATE,
  FIRST_SHARE,
  inFirstHalf,
  keepSplit,
  lowestBoundPort,
  NO_BOUND_PORT,
  type PortSplit,
  SPLIT_BYTECODE_BYTES,
  splitStates,
  splitsUnconnected,
  writeSplitBytecode,
} from './dump-split';
import type { KernelSocket } from './kernel-socket';
import { LE } from './netlink';

/** Rows with just the ports chooseSplit reads. */
const rows = (pairs: ReadonlyArray<readonly [number, number]>): KernelSocket[] =>
  pairs.map(([localPort, remotePort]) => ({ localPort, remotePort }) as KernelSocket);

/**
 * The kernel's inet_diag_bc_run for the port comparisons we emit: each op either jumps `yes` or `no` bytes on;
 * the socket is accepted when the program ends exactly at its length, rejected when a jump overshoots it.
 */
function kernelAccepts(code: DataView, len: number, sport: number, dport: number): boolean {
  let pc = 0;
  let left = len;
  while (left > 0) {
    const op = code.getUint8(pc);
    const port = code.getUint16(pc + 6, LE);
    const yes = op === 2 ? sport >= port : op === 3 ? sport <= port : op === 4 ? dport >= port : dport <= port; // S_GE, S_LE, D_GE, D_LE
    const step = yes ? code.getUint8(pc + 1) : code.getUint16(pc + 2, LE);
    left -= step;
    pc += step;
  }
  return left === 0;
}

/**
 * The kernel's inet_diag_bc_audit for the ops we emit: every op's `yes` and `no` land on a multiple of 4 at least
 * one comparison on and at most 4 past the end, a `no` inside the program lands on an op the `yes` chain reaches.
 */
function kernelAudits(code: DataView, len: number): boolean {
  /** valid_cc: whether the chain of `yes` jumps from the start reaches offset `len - cc`. */
  const reached = (cc: number): boolean => {
    let left = len;
    let pc = 0;
    while (left > 0) {
      if (cc > left) return false;
      if (cc === left) return true;
      const yes = code.getUint8(pc + 1);
      if (yes < 4 || yes % 4 !== 0) return false;
      left -= yes;
      pc += yes;
    }
    return cc === 0;
  };
  for (let pc = 0, left = len; left > 0;) {
    if (left < 8) return false;
    const yes = code.getUint8(pc + 1);
    const no = code.getUint16(pc + 2, LE);
    if (no < 8 || no > left + 4 || no % 4 !== 0 || (no < left && !reached(left - no))) return false;
    if (yes < 8 || yes > left + 4 || yes % 4 !== 0) return false;
    left -= yes;
    pc += yes;
  }
  return true;
}

describe('writeSplitBytecode', () => {
  const program = (split: PortSplit, half: 0 | 1, unconnected: boolean) => {
    const v = new DataView(new ArrayBuffer(SPLIT_BYTECODE_BYTES));
    return { v, len: writeSplitBytecode(v, 0, split, half, unconnected) };
  };

  it('puts every local port in exactly one half, the first holding those below the threshold', () => {
    for (const unconnected of [true, false]) {
      for (const below of [43579, 1, 65535]) {
        const split: PortSplit = { below, share: 0.5 };
        const halves = [program(split, 0, unconnected), program(split, 1, unconnected)];
        const wrong: number[] = [];
        for (let port = 0; port < 65536; port++) {
          const [inFirst, inSecond] = halves.map((h) => kernelAccepts(h.v, h.len, port, 7));
          const row = { proto: 'tcp', localPort: port, remotePort: 7 } as KernelSocket;
          if (inFirst === inSecond || inFirst !== port < below || inFirstHalf(row, split, unconnected) !== inFirst) {
            wrong.push(port);
          }
        }
        expect(wrong).toEqual([]);
      }
    }
  });

  it('with the unconnected, gives the second half every socket with no remote port, which the first leaves out', () => {
    const split: PortSplit = { below: 30000, share: 0.5 };
    const [first, second] = [program(split, 0, true), program(split, 1, true)];
    const wrong: number[] = [];
    for (let port = 0; port < 65536; port++) {
      const row = { proto: 'tcp', localPort: port, remotePort: 0 } as KernelSocket;
      if (!kernelAccepts(second.v, second.len, port, 0) || inFirstHalf(row, split, true)) wrong.push(port);
      // The first half's program alone would take a low one: its states keep them out (below).
      if (kernelAccepts(first.v, first.len, port, 0) !== port < 30000) wrong.push(port);
    }
    expect(wrong).toEqual([]);
    const LISTEN = 1 << 10;
    const BOUND_INACTIVE = 1 << 13;
    expect(splitStates(0, true) & (LISTEN | BOUND_INACTIVE)).toBe(0);
    expect((splitStates(0, true) | LISTEN | BOUND_INACTIVE) >>> 0).toBe(EVERY_STATE);
    expect([splitStates(1, true), splitStates(0, false), splitStates(1, false)]).toEqual([
      EVERY_STATE,
      EVERY_STATE,
      EVERY_STATE,
    ]);
    // By local port alone, a socket with no remote port stays with its local port's half.
    const byPort = [program(split, 0, false), program(split, 1, false)];
    expect(byPort.map((h) => kernelAccepts(h.v, h.len, 100, 0))).toEqual([true, false]);
    expect(inFirstHalf({ proto: 'tcp', localPort: 100, remotePort: 0 } as KernelSocket, split, false)).toBe(true);
  });

  it("splits off the unconnected only for TCP with no bound-inactive socket among the first half's ports", () => {
    const split: PortSplit = { below: 30000, share: 0.5 };
    const row = (localPort: number, remotePort: number, state: string, proto = 'tcp') =>
      ({ proto, localPort, remotePort, state }) as KernelSocket;
    const table = [row(22, 0, 'LISTEN'), row(40000, 0, 'CLOSED'), row(20000, 443, 'ESTABLISHED')];
    expect(lowestBoundPort(table, 0, table.length)).toBe(40000);
    expect(splitsUnconnected('tcp', split, lowestBoundPort(table, 0, table.length))).toBe(true);
    // A UDP socket with no remote port is CLOSED too: not a bound-inactive TCP one.
    table.push(row(5353, 0, 'CLOSED', 'udp'));
    expect(lowestBoundPort(table, 0, table.length)).toBe(40000);
    table.push(row(29999, 0, 'CLOSED'));
    expect(lowestBoundPort(table, 0, table.length)).toBe(29999);
    expect(splitsUnconnected('tcp', split, 29999)).toBe(false);
    expect(splitsUnconnected('tcp', split, 30000)).toBe(true);
    expect(lowestBoundPort(table, 0, 3)).toBe(40000);
    expect(lowestBoundPort([], 0, 0)).toBe(NO_BOUND_PORT);
    expect(splitsUnconnected('udp', split, NO_BOUND_PORT)).toBe(false);
  });

  it('writes programs the kernel audit accepts, of one comparison or two', () => {
    const split: PortSplit = { below: 80, share: 0.5 };
    const lens: number[] = [];
    for (const unconnected of [true, false]) {
      for (const half of [0, 1] as const) {
        const { v, len } = program(split, half, unconnected);
        expect(kernelAudits(v, len)).toBe(true);
        lens.push(len);
      }
    }
    expect(lens).toEqual([8, 16, 8, 8]);
    // The audit model itself refuses a `no` into an op no `yes` reaches (what a naive two-op program would do).
    const v = new DataView(new ArrayBuffer(16));
    v.setUint8(1, 16);
    v.setUint16(2, 8, LE);
    v.setUint8(9, 8);
    v.setUint16(10, 12, LE);
    expect(kernelAudits(v, 16)).toBe(false);
  });
});

describe('chooseSplit', () => {
  /** The first half's share of the rows under `split`. */
  const share = (r: KernelSocket[], split: PortSplit | null) => {
    if (!split) return 0;
    return r.filter((s) => inFirstHalf(s, split, false)).length / r.length;
  };

  it('splits the clients of one service by local port', () => {
    const r = rows(Array.from({ length: 4000 }, (_, i) => [40000 + i, 5432] as const));
    const split = chooseSplit(r, 0, r.length);
    expect(split).toEqual({ below: 40000 + 4000 * FIRST_SHARE, share: FIRST_SHARE });
    expect(share(r, split)).toBe(FIRST_SHARE);
  });

  it('splits loopback pairs of several services near the share', () => {
    const pairs: [number, number][] = [];
    for (const service of [33000, 41000, 47000, 52000, 58000]) {
      for (let i = 0; i < 600; i++) pairs.push([service + 1 + i, service], [service, service + 1 + i]);
      pairs.push([service, 0]);
    }
    const r = rows(pairs);
    expect(Math.abs(share(r, chooseSplit(r, 0, r.length)) - FIRST_SHARE)).toBeLessThan(0.05);
  });

  it('splits loopback pairs of one service, whose port is half the table in one bin', () => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < 3000; i++) pairs.push([50000 + i, 8080], [8080, 50000 + i]);
    pairs.push([8080, 0]);
    const r = rows(pairs);
    expect(Math.abs(share(r, chooseSplit(r, 0, r.length)) - FIRST_SHARE)).toBeLessThan(0.01);
  });

  it('looks only at the rows in range', () => {
    const r = rows([[1, 1], [1, 1], ...Array.from({ length: 100 }, (_, i) => [1000 + i, 9] as const)]);
    expect(chooseSplit(r, 2, r.length)).toEqual({ below: 1050, share: 0.5 });
  });

  it('makes no split for a server, whose sockets share one local port (the remote one may change mid-dump)', () => {
    const r = rows(Array.from({ length: 4000 }, (_, i) => [443, 32768 + i] as const));
    expect(chooseSplit(r, 0, r.length)).toBeNull();
    expect(chooseSplit(r, 0, 0)).toBeNull();
  });

  it('keeps a split while its first half stays within 10 points of the share it was chosen with', () => {
    const split: PortSplit = { below: 9000, share: 0.5 };
    expect(keepSplit(split, 50, 100)).toBe(true);
    expect(keepSplit(split, 41, 100)).toBe(true);
    expect(keepSplit(split, 59, 100)).toBe(true);
    expect(keepSplit(split, 39, 100)).toBe(false);
    expect(keepSplit(split, 61, 100)).toBe(false);
    expect(keepSplit(split, 0, 0)).toBe(false);
  });
});
