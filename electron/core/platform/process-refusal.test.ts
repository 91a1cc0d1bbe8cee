// Refusal rules: reserved pids per OS, kernel threads, netinspect's own processes, and the ancestry walk.
import { describe, expect, it } from 'vitest';
import { isOwnProcess, refusalError, refusalFor } from './process-refusal';

const plain = { kernelThread: false, own: false };

describe('refusalFor', () => {
  it('refuses pid 0 and 1 on Linux and macOS, 0 and 4 on Windows', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      expect(refusalFor(platform, { pid: 0, ...plain })).toBe('actions.refusedReserved');
      expect(refusalFor(platform, { pid: 1, ...plain })).toBe('actions.refusedReserved');
      expect(refusalFor(platform, { pid: 4, ...plain })).toBeNull();
    }
    expect(refusalFor('win32', { pid: 0, ...plain })).toBe('actions.refusedReserved');
    expect(refusalFor('win32', { pid: 4, ...plain })).toBe('actions.refusedReserved');
    expect(refusalFor('win32', { pid: 1, ...plain })).toBeNull();
  });

  it('refuses kernel threads and own processes, and allows the rest', () => {
    expect(refusalFor('linux', { pid: 57, kernelThread: true, own: false })).toBe('actions.refusedKernelThread');
    expect(refusalFor('linux', { pid: 900, kernelThread: false, own: true })).toBe('actions.refusedOwn');
    expect(refusalFor('linux', { pid: 900, ...plain })).toBeNull();
  });

  it('builds a REFUSED error that names the process', () => {
    const e = refusalError('actions.refusedOwn', 42, 'node');
    expect(e).toMatchObject({ code: 'REFUSED', key: 'actions.refusedOwn', params: { pid: 42, name: 'node' } });
    expect(e.message).toBe('PID 42 (node) is part of netinspect itself: quit netinspect instead.');
  });
});

describe('isOwnProcess', () => {
  // 1 <- 100 (netinspect) <- 200 <- 300;   1 <- 400
  const parents = new Map([
    [100, 1],
    [200, 100],
    [300, 200],
    [400, 1],
  ]);
  const parentOf = (p: number) => parents.get(p) ?? null;

  it('is true for itself and every descendant, false for others', () => {
    expect(isOwnProcess(100, 100, parentOf)).toBe(true);
    expect(isOwnProcess(300, 100, parentOf)).toBe(true);
    expect(isOwnProcess(400, 100, parentOf)).toBe(false);
    expect(isOwnProcess(1, 100, parentOf)).toBe(false);
    expect(isOwnProcess(999, 100, parentOf)).toBe(false);
  });

  it('stops on a cyclic chain', () => {
    expect(isOwnProcess(5, 100, (p) => (p === 5 ? 6 : 5))).toBe(false);
  });
});
