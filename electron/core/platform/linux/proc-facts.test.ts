// /proc facts through a fake reader: stat fields, kernel threads, own processes, exit detection, details.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/model/errors';
import { linuxDetails } from './processes';
import { exitWatch, isKernelThread, parseStat, PF_KTHREAD, type ProcReader } from './proc-facts';

/** A stat line: pid (comm) state ppid pgrp session tty tpgid flags ... starttime (field 22). */
function stat(pid: number, comm: string, state: string, ppid: number, flags: number, start: number): string {
  const rest = [pid, pid, 0, -1, flags, 0, 0, 0, 0, 1, 2, 0, 0, 20, 0, 1, 0, start, 1000, 10];
  return `${pid} (${comm}) ${state} ${ppid} ${rest.join(' ')}\n`;
}

class FakeProc implements ProcReader {
  readonly files = new Map<string, string>([['/proc/stat', 'cpu 1 2 3\nbtime 1700000000\n']]);
  readonly links = new Map<string, string>();
  add(pid: number, o: { comm: string; ppid: number; state?: string; flags?: number; start?: number; cmd?: string }) {
    this.files.set(`/proc/${pid}/stat`, stat(pid, o.comm, o.state ?? 'S', o.ppid, o.flags ?? 0x400000, o.start ?? 500));
    this.files.set(`/proc/${pid}/comm`, `${o.comm}\n`);
    this.files.set(`/proc/${pid}/cmdline`, o.cmd ?? '');
    this.files.set(`/proc/${pid}/status`, `Name:\t${o.comm}\nUid:\t0\t0\t0\t0\n`);
    if (o.cmd) this.links.set(`/proc/${pid}/exe`, `/usr/bin/${o.comm}`);
  }
  read(path: string) {
    return this.files.get(path) ?? null;
  }
  readlink(path: string) {
    return this.links.get(path) ?? null;
  }
}

function world(): FakeProc {
  const p = new FakeProc();
  p.add(1, { comm: 'init', ppid: 0, cmd: 'init\0' });
  p.add(2, { comm: 'kthreadd', ppid: 0, flags: PF_KTHREAD | 0x40 });
  p.add(57, { comm: 'kworker/0:1 (x)', ppid: 2, flags: PF_KTHREAD | 0x4208060 });
  p.add(100, { comm: 'netinspect', ppid: 1, cmd: 'node\0netinspect\0' });
  p.add(200, { comm: 'collector', ppid: 100, cmd: 'node\0worker.js\0' });
  p.add(300, { comm: 'server', ppid: 1, cmd: 'python3\0-m\0http.server\0', start: 12345 });
  return p;
}

describe('parseStat and isKernelThread', () => {
  it('reads state, ppid, flags and start ticks past a comm with spaces and parentheses', () => {
    expect(parseStat(stat(57, 'a) b (c', 'R', 2, PF_KTHREAD, 777))).toEqual({
      state: 'R',
      ppid: 2,
      flags: PF_KTHREAD,
      startTicks: 777,
    });
    expect(parseStat('garbage')).toBeNull();
  });

  it('knows kernel threads by PF_KTHREAD, or by kthreadd parentage and no command line', () => {
    const s = (ppid: number, flags: number, state = 'S') => parseStat(stat(9, 'x', state, ppid, flags, 1))!;
    expect(isKernelThread(9, s(2, PF_KTHREAD), null)).toBe(true);
    expect(isKernelThread(9, s(0, PF_KTHREAD), null)).toBe(true);
    expect(isKernelThread(9, s(2, 0), null)).toBe(true);
    expect(isKernelThread(9, s(2, 0), 'sleep 5')).toBe(false);
    expect(isKernelThread(9, s(2, 0, 'Z'), null)).toBe(false);
    expect(isKernelThread(9, s(1, 0x400000), null)).toBe(false);
  });
});

describe('linuxDetails', () => {
  it('gives exe, command line, user, start time, parent, and no refusal for an ordinary process', () => {
    expect(linuxDetails(300, world(), 100)).toEqual({
      pid: 300,
      name: 'server',
      exe: '/usr/bin/server',
      cmdline: 'python3 -m http.server',
      user: 'root',
      uid: 0,
      startTime: 1700000000 * 1000 + 123450,
      ppid: 1,
      parentName: 'init',
      kernelThread: false,
      own: false,
      refusal: null,
    });
  });

  it('refuses init, kernel threads, netinspect and its descendants', () => {
    const p = world();
    expect(linuxDetails(1, p, 100).refusal).toBe('actions.refusedReserved');
    expect(linuxDetails(57, p, 100)).toMatchObject({ kernelThread: true, refusal: 'actions.refusedKernelThread' });
    expect(linuxDetails(100, p, 100)).toMatchObject({ own: true, refusal: 'actions.refusedOwn' });
    expect(linuxDetails(200, p, 100)).toMatchObject({
      own: true,
      refusal: 'actions.refusedOwn',
      parentName: 'netinspect',
    });
  });

  it('throws ESRCH (keyed) for a pid that does not exist', () => {
    let caught: unknown;
    try {
      linuxDetails(4242, world(), 100);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'ESRCH', key: 'actions.gone', message: 'Process 4242 has already exited.' });
  });
});

describe('exitWatch', () => {
  it('sees a process gone, a zombie, or its pid taken by a later process', () => {
    const p = world();
    const gone = exitWatch(300, p);
    expect(gone()).toBe(false);
    p.files.delete('/proc/300/stat');
    expect(gone()).toBe(true);

    p.add(300, { comm: 'server', ppid: 1, start: 10 });
    const zombie = exitWatch(300, p);
    p.add(300, { comm: 'server', ppid: 1, start: 10, state: 'Z' });
    expect(zombie()).toBe(true);

    p.add(300, { comm: 'server', ppid: 1, start: 10 });
    const reused = exitWatch(300, p);
    p.add(300, { comm: 'other', ppid: 1, start: 99 });
    expect(reused()).toBe(true);
  });
});
