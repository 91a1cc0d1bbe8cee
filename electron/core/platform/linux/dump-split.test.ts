import { describe, expect, it } from 'vitest';
import {
  chooseSplit,
  FIRST_SHARE,
  inFirstHalf,
  keepSplit,
  type PortSplit,
  SPLIT_BYTECODE_BYTES,
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

describe('writeSplitBytecode', () => {
  it('puts every local port in exactly one half, the first holding those below the threshold', () => {
    for (const below of [43579, 1, 65535]) {
      const split: PortSplit = { below, share: 0.5 };
      const halves = [0, 1].map((h) => {
        const v = new DataView(new ArrayBuffer(SPLIT_BYTECODE_BYTES));
        writeSplitBytecode(v, 0, split, h as 0 | 1);
        return v;
      });
      const wrong: number[] = [];
      for (let port = 0; port < 65536; port++) {
        const inFirst = kernelAccepts(halves[0], SPLIT_BYTECODE_BYTES, port, 7);
        const inSecond = kernelAccepts(halves[1], SPLIT_BYTECODE_BYTES, port, 7);
        const row = { localPort: port, remotePort: 7 } as KernelSocket;
        if (inFirst === inSecond || inFirst !== port < below || inFirstHalf(row, split) !== inFirst) wrong.push(port);
      }
      expect(wrong).toEqual([]);
    }
  });

  it('writes jumps the kernel audit accepts: yes to the end, no 4 bytes past it, both multiples of 4', () => {
    const v = new DataView(new ArrayBuffer(SPLIT_BYTECODE_BYTES));
    writeSplitBytecode(v, 0, { below: 80, share: 0.5 }, 0);
    expect([v.getUint8(0), v.getUint8(1), v.getUint16(2, LE), v.getUint16(6, LE)]).toEqual([3, 8, 12, 79]);
    writeSplitBytecode(v, 0, { below: 80, share: 0.5 }, 1);
    expect([v.getUint8(0), v.getUint8(1), v.getUint16(2, LE), v.getUint16(6, LE)]).toEqual([2, 8, 12, 80]);
  });
});

describe('chooseSplit', () => {
  /** The first half's share of the rows under `split`. */
  const share = (r: KernelSocket[], split: PortSplit | null) => {
    if (!split) return 0;
    return r.filter((s) => inFirstHalf(s, split)).length / r.length;
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
