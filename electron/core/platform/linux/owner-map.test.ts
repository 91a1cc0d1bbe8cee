// Owner map caching rules against a fake /proc: quiet ticks read nothing, new sockets read only what is new.
import { describe, expect, it } from 'vitest';
import {
  FULL_PASS2_INTERVAL_MS,
  OwnerMap,
  PASS2_MIN_INTERVAL_MS,
  UNRESOLVED_RETRY_COUNTED_MS,
  UNRESOLVED_RETRY_MS,
} from './owner-map';
import type { FdLinks, ProcFdSource } from './proc-fd-source';

/** A fake /proc: pid -> fd -> inode (0 = not a socket), or 'denied'; counts reads per (pid, fd). */
class FakeProc implements ProcFdSource {
  /** `counts` false: a kernel before 6.2, whose fd directories have no size. */
  constructor(private readonly counts = true) {}
  readonly procs = new Map<number, Map<number, number> | 'denied'>();
  readonly reads: string[] = [];
  listPids(): number[] {
    return [...this.procs.keys()];
  }
  listFds(pid: number): number[] | 'denied' | 'gone' {
    const p = this.procs.get(pid);
    if (!p) return 'gone';
    return p === 'denied' ? 'denied' : [...p.keys()];
  }
  /** Open fds per process, as the kernel counts them (the fd directory's size). */
  fdCount(pid: number): number | null {
    const p = this.procs.get(pid);
    return this.counts && p && p !== 'denied' ? p.size : null;
  }
  readFdLink(pid: number, fd: number): number {
    this.reads.push(`${pid}/${fd}`);
    const p = this.procs.get(pid);
    return p && p !== 'denied' ? (p.get(fd) ?? 0) : 0;
  }
  set(pid: number, fds: Record<string, number> | 'denied'): void {
    this.procs.set(
      pid,
      fds === 'denied' ? 'denied' : new Map(Object.entries(fds).map(([fd, inode]) => [Number(fd), inode])),
    );
  }
  /** What fd `fd` of `pid` links to, without counting a read. */
  inodeOf(pid: number, fd: number): number {
    const p = this.procs.get(pid);
    return p && p !== 'denied' ? (p.get(fd) ?? 0) : 0;
  }
  take(): string[] {
    return this.reads.splice(0).sort();
  }
}

/** What a map that has never seen this machine places for `inodes`, sorted (its reads are not counted). */
function placedAfresh(
  proc: FakeProc,
  inodes: readonly number[],
): { owners: [number, number][]; shared: [number, readonly number[]][] } {
  const r = new OwnerMap(proc).refresh(inodes, 0);
  proc.take();
  return { owners: [...r.owners].sort(), shared: [...r.shared].sort() };
}

function setup(counts = true): { proc: FakeProc; map: OwnerMap } {
  const proc = new FakeProc(counts);
  proc.set(100, { '0': 0, '1': 0, '3': 5001, '4': 5002 });
  proc.set(200, { '0': 0, '5': 6001 });
  return { proc, map: new OwnerMap(proc) };
}

/** `setup` after a first refresh of `inodes` at t=0, with the reads of that refresh taken. */
function afterFirstScan(inodes = [5001, 5002, 6001], counts = true): { proc: FakeProc; map: OwnerMap } {
  const { proc, map } = setup(counts);
  map.refresh(inodes, 0);
  proc.take();
  return { proc, map };
}

describe('OwnerMap', () => {
  it('maps inodes to pids on the first refresh, reading every fd once', () => {
    const { proc, map } = setup();
    const r = map.refresh([5001, 5002, 6001, 0], 0);
    expect([...r.owners].sort()).toEqual([
      [5001, 100],
      [5002, 100],
      [6001, 200],
    ]);
    expect(proc.take()).toEqual(['100/0', '100/1', '100/3', '100/4', '200/0', '200/5']);
    expect(r.deniedPids).toBe(0);
  });

  it('does no fd scan when every inode is already owned by a live pid', () => {
    const { proc, map } = afterFirstScan();
    const before = map.stats();
    const version = map.refresh([5001, 5002, 6001], 500).version;
    const r = map.refresh([5001, 6001, 0, 0], 1000); // a socket closed: still nothing new to place
    expect(proc.take()).toEqual([]);
    // Nothing was read, so the maps are as they were: a caller may keep the owners it made from them.
    expect(r.version).toBe(version);
    expect(map.stats()).toEqual({
      readlinkCalls: before.readlinkCalls,
      fdDirReads: before.fdDirReads,
      lastScan: 'none',
    });
    expect(r.owners.get(6001)).toBe(200);
  });

  it("takes the caller's known owners as they were, and looks an inode up again once its known owner exits", () => {
    const { proc, map } = afterFirstScan();
    const version = map.refresh([5001, 5002, 6001], 500).version;
    // The caller knows what the last refresh gave: nothing to read, nothing changed.
    const quiet = map.refresh(Float64Array.of(5001, 5002, 6001), 1000, Int32Array.of(100, 100, 200));
    expect(proc.take()).toEqual([]);
    expect(quiet.version).toBe(version);
    // pid 200 exited and its socket went to a new process: known as 200's, it is looked for and found in 300.
    proc.procs.delete(200);
    proc.set(300, { '7': 6001 });
    const moved = map.refresh(Float64Array.of(5001, 5002, 6001), 1500, Int32Array.of(100, 100, 200));
    expect(moved.version).toBeGreaterThan(version);
    expect(moved.owners.get(6001)).toBe(300);
    expect(proc.take()).toEqual(['300/7']);
  });

  it('pass 1 reads only new fds and fds whose socket vanished', () => {
    const { proc, map } = afterFirstScan();
    // pid 100 closed 5002 (fd 4) and reused fd 4 for a new socket; pid 200 opened fd 6.
    proc.set(100, { '0': 0, '1': 0, '3': 5001, '4': 5003 });
    proc.set(200, { '0': 0, '5': 6001, '6': 6002 });
    const r = map.refresh([5001, 5003, 6001, 6002], 1000);
    expect(proc.take()).toEqual(['100/4', '200/6']);
    expect(map.stats().lastScan).toBe('pass1');
    expect(r.owners.get(5003)).toBe(100);
    expect(r.owners.get(6002)).toBe(200);
  });

  it('pass 2 re-reads cached fds when pass 1 cannot place an inode (fd number reused across a tick)', () => {
    const { proc, map } = afterFirstScan();
    // fd 1 of pid 100 was not a socket; it was closed and reopened as socket 5004 between ticks.
    proc.set(100, { '0': 0, '1': 5004, '3': 5001, '4': 5002 });
    const r = map.refresh([5001, 5002, 6001, 5004], 1000);
    expect(map.stats().lastScan).toBe('pass2');
    expect(r.owners.get(5004)).toBe(100);
    // Pass 2 reads the remaining fds of every readable process; pass 1 read none here.
    expect(proc.take()).toEqual(['100/0', '100/1', '100/3', '100/4', '200/0', '200/5']);
  });

  it.each([
    ['without', false, UNRESOLVED_RETRY_MS],
    ['with', true, UNRESOLVED_RETRY_COUNTED_MS],
  ])(
    "does not retry an unresolvable inode every tick, but after the retry interval (%s the kernel's fd counts)",
    (_, counts, interval) => {
      const { proc, map } = afterFirstScan([5001, 5002, 6001, 9999], counts); // 9999: held by nobody we can see
      map.refresh([5001, 5002, 6001, 9999], 1000);
      expect(proc.take()).toEqual([]);
      expect(map.stats().lastScan).toBe('none');
      if (counts) {
        map.refresh([5001, 5002, 6001, 9999], UNRESOLVED_RETRY_MS + 1);
        expect(map.stats().lastScan).toBe('none');
      }
      map.refresh([5001, 5002, 6001, 9999], interval + 1);
      expect(proc.take().length).toBeGreaterThan(0);
      expect(map.stats().lastScan).toBe('pass2');
    },
  );

  it('rate-limits pass 2 when unattributable sockets keep appearing, then catches up', () => {
    const { proc, map } = setup();
    map.refresh([5001, 5002, 6001, 9001], 0); // 9001 is nobody's we can see: pass 2 at t=0
    expect(map.stats().lastScan).toBe('pass2');
    proc.take();
    map.refresh([5001, 5002, 6001, 9001, 9002], 500); // another one, too soon for pass 2
    expect(map.stats().lastScan).toBe('pass1');
    expect(proc.take()).toEqual([]); // pass 1 found no new fd to read
    map.refresh([5001, 5002, 6001, 9001, 9002], 1000); // 9002 is not due before the pass-2 floor
    expect(map.stats().lastScan).toBe('none');
    // fd 1 of pid 100 turns out to hold 9002 (reused fd number): found once pass 2 is allowed again.
    proc.set(100, { '0': 0, '1': 9002, '3': 5001, '4': 5002 });
    const r = map.refresh([5001, 5002, 6001, 9001, 9002], PASS2_MIN_INTERVAL_MS);
    expect(map.stats().lastScan).toBe('pass2');
    expect(r.owners.get(9002)).toBe(100);
    expect(r.owners.has(9001)).toBe(false);
  });

  it('on a new pid, reads only that process for inodes known to be unresolvable', () => {
    const { proc, map } = afterFirstScan([5001, 5002, 6001, 9999]);
    proc.set(300, { '0': 0, '7': 9999 });
    const r = map.refresh([5001, 5002, 6001, 9999], 1000);
    expect(proc.take()).toEqual(['300/0', '300/7']);
    expect(r.owners.get(9999)).toBe(300);
  });

  it('on new and exited processes, reading only the new ones, places owners as a whole scan would', () => {
    // 9999 is nobody's we can see: each change in the set of processes then reads only the new processes.
    const { proc, map } = setup();
    proc.set(250, { '3': 6001 }); // a worker sharing 200's socket
    const inodes = [5001, 5002, 6001, 9999];
    map.refresh(inodes, 0);
    proc.take();
    const steps: (() => void)[] = [
      () => proc.set(50, { '4': 5001, '5': 5001 }), // a lower pid, twice on one socket: the new owner
      () => proc.set(300, { '6': 6001 }), // a higher pid joins 200 and 250
      () => proc.procs.delete(250), // a holder behind the owner exits
      () => proc.set(220, { '1': 6001, '2': 0 }), // between two holders
      () => proc.procs.delete(300),
      () => proc.set(400, { '0': 0 }), // holds no socket at all
    ];
    for (const [i, step] of steps.entries()) {
      step();
      const r = map.refresh(inodes, 1000 + i);
      expect(map.stats().lastScan, `step ${i}`).toBe('pass1');
      const reads = proc.take();
      expect(
        reads.every((x) => ['50', '300', '220', '400'].includes(x.split('/')[0])),
        `step ${i}`,
      ).toBe(true);
      expect({
        owners: [...r.owners].filter(([n]) => inodes.includes(n)).sort(),
        shared: [...r.shared].sort(),
      }).toEqual(placedAfresh(proc, inodes));
    }
    expect(map.refresh(inodes, 2000).shared.get(6001)).toEqual([200, 220]);
    expect(map.refresh(inodes, 2000).owners.get(5001)).toBe(50);
  });

  it('adds a socket sent to a running process as one of its holders at the next refresh, reading that process only', () => {
    // A cluster master sends its listener to workers that already run: no new socket, no new process, only fd tables
    // that grew. 9999 is nobody's we can see, so a change in the set of processes reads only the new ones.
    const { proc, map } = setup();
    const inodes = [5001, 5002, 6001, 9999];
    map.refresh(inodes, 0);
    proc.take();
    const fds = (pid: number): Map<number, number> => proc.procs.get(pid) as Map<number, number>;
    const steps: [string, () => void, string, string[]][] = [
      ['200 receives 5001', () => fds(200).set(7, 5001), 'changed', ['200/7']],
      ['100, the lower pid, receives 6001', () => fds(100).set(9, 6001), 'changed', ['100/9']],
      ['100 closes its fd of 5001', () => fds(100).delete(3), 'changed', []],
      ['200 dups 6001 twice', () => fds(200).set(10, 6001).set(11, 6001), 'changed', ['200/10', '200/11']],
      [
        'a new process, while 100 receives 5002 again',
        () => {
          proc.set(150, { '3': 6001 });
          fds(100).set(12, 5002);
        },
        'pass1',
        ['100/12', '150/3'],
      ],
      ['200 closes two of its three fds of 6001', () => (fds(200).delete(5), fds(200).delete(10)), 'changed', []],
      ['100 closes both its fds of 5002', () => (fds(100).delete(4), fds(100).delete(12)), 'changed', []],
    ];
    for (const [name, step, scan, reads] of steps) {
      const version = map.refresh(inodes, 1000).version;
      step();
      const r = map.refresh(inodes, 1000);
      // Every step moves an fd: the maps' version changes, so no caller keeps an owner it made before.
      expect(r.version, name).not.toBe(version);
      expect(map.stats().lastScan, name).toBe(scan);
      expect(proc.take(), name).toEqual(reads);
      expect(
        { owners: [...r.owners].filter(([n]) => inodes.includes(n)).sort(), shared: [...r.shared].sort() },
        name,
      ).toEqual(placedAfresh(proc, inodes));
    }
    const r = map.refresh(inodes, 1000);
    // Nobody holds 5002 any more: this refresh looks for a holder everywhere, and finds none.
    expect(map.stats().lastScan).toBe('pass1');
    expect(r.owners.has(5002)).toBe(false);
    expect(r.owners.get(5001)).toBe(200);
    expect(r.shared.get(6001)).toEqual([100, 150, 200]);
  });

  it.each([
    ['with', true, 'changed', 1],
    ['without', false, 'pass1', 2],
  ])(
    "places a socket a running process opened by listing that process only (%s the kernel's fd counts)",
    (_, counts, scan, dirs) => {
      const { proc, map } = afterFirstScan([5001, 5002, 6001], counts);
      (proc.procs.get(200) as Map<number, number>).set(6, 6002);
      const before = map.stats().fdDirReads;
      const r = map.refresh([5001, 5002, 6001, 6002], 1000);
      expect(r.owners.get(6002)).toBe(200);
      expect(map.stats().lastScan).toBe(scan);
      expect(map.stats().fdDirReads - before).toBe(dirs);
      expect(proc.take()).toEqual(['200/6']);
    },
  );

  it('keeps its maps bounded while a running process opens and closes sockets without a whole scan', () => {
    const { proc, map } = afterFirstScan();
    const fds = proc.procs.get(200) as Map<number, number>;
    let live = [5001, 5002, 6001];
    let r = map.refresh(live, 0);
    for (let i = 0; i < 3000; i++) {
      fds.set(100 + i, 20_000 + i); // a connection opens: the count grows
      live = [5001, 5002, 6001, 20_000 + i];
      r = map.refresh(live, 1000 + i);
      expect(map.stats().lastScan).toBe('changed');
      expect(r.owners.get(20_000 + i)).toBe(200);
      fds.delete(100 + i); // and closes: the count shrinks
      live = [5001, 5002, 6001];
      r = map.refresh(live, 1000 + i);
    }
    expect(r.owners.size).toBeLessThanOrEqual(2 * live.length + 1024);
    expect({ owners: [...r.owners].filter(([n]) => live.includes(n)).sort(), shared: [...r.shared] }).toEqual(
      placedAfresh(proc, live),
    );
  });

  it('drops exited processes and finds the other holder of a shared socket', () => {
    const { proc, map } = setup();
    proc.set(150, { '3': 5001 }); // forked child shares socket 5001
    let r = map.refresh([5001, 5002, 6001], 0);
    expect(r.owners.get(5001)).toBe(100); // lowest pid
    proc.take();
    proc.procs.delete(100);
    r = map.refresh([5001, 6001], 1000);
    expect(r.owners.get(5001)).toBe(150);
    expect(r.owners.has(5002)).toBe(false);
    // 150 was already cached: nothing new to read from the survivors' fd links.
    expect(proc.take()).toEqual([]);
  });

  it('always picks the lowest pid for a shared socket, whatever the discovery order', () => {
    const proc = new FakeProc();
    proc.set(900, { '3': 7000 });
    const map = new OwnerMap(proc);
    expect(map.refresh([7000], 0).owners.get(7000)).toBe(900);
    proc.set(20, { '9': 7000, '10': 7001 });
    expect(map.refresh([7000, 7001], 1000).owners.get(7000)).toBe(20);
  });

  it('counts processes whose fd directory is denied and retries them only on the interval', () => {
    const { proc, map } = setup();
    proc.set(400, 'denied');
    const r = map.refresh([5001, 8888], 0);
    expect(r.deniedPids).toBe(1);
    expect(r.owners.has(8888)).toBe(false);
    const dirReads = map.stats().fdDirReads;
    map.refresh([5001, 8888, 8889], 1000); // a new unknown inode: scans, but not the denied pid
    expect(map.stats().fdDirReads - dirReads).toBe(2);
    proc.set(400, { '1': 8888 }); // e.g. privileges gained
    const later = map.refresh([5001, 8888], UNRESOLVED_RETRY_COUNTED_MS + 1);
    expect(later.owners.get(8888)).toBe(400);
    expect(later.deniedPids).toBe(0);
  });

  it('takes a cold scan started by prepare() instead of reading fd by fd, then reads only what is new', () => {
    const { proc, map } = setup();
    const started: number[][] = [];
    const batched: ProcFdSource = {
      listPids: () => proc.listPids(),
      listFds: (pid) => proc.listFds(pid),
      readFdLink: (pid, fd) => proc.readFdLink(pid, fd),
      readAll: (pids) => {
        started.push([...pids].sort());
        const result = new Map<number, FdLinks | 'denied' | 'gone'>();
        for (const pid of pids) {
          const fds = proc.listFds(pid);
          result.set(pid, typeof fds === 'string' ? fds : { fds, inodes: fds.map((fd) => proc.inodeOf(pid, fd)) });
        }
        return { result: () => result, cancel: () => undefined };
      },
    };
    const cold = new OwnerMap(batched);
    cold.prepare();
    expect(started).toEqual([[100, 200]]);
    const r = cold.refresh([5001, 5002, 6001], 0);
    expect([...r.owners].sort()).toEqual([
      [5001, 100],
      [5002, 100],
      [6001, 200],
    ]);
    expect(proc.take()).toEqual([]); // nothing read one fd at a time
    cold.prepare(); // only before the first refresh
    expect(started).toHaveLength(1);
    proc.set(200, { '0': 0, '5': 6001, '6': 6002 });
    expect(cold.refresh([5001, 5002, 6001, 6002], 1000).owners.get(6002)).toBe(200);
    expect(proc.take()).toEqual(['200/6']);
    expect(map.stats().readlinkCalls).toBe(0);
  });

  it('pass 2 re-reads socket fds only once a minute: reused non-socket fds are found at once', () => {
    const { proc, map } = setup();
    map.refresh([5001, 5002, 6001, 9001], 0); // 9001 is nobody's we can see: the first pass 2 reads everything
    proc.take();
    // fd 1 (not a socket) now holds 9002; fd 3 (socket 5001, still alive elsewhere) now holds 9003.
    proc.set(100, { '0': 0, '1': 9002, '3': 9003, '4': 5002 });
    proc.set(150, { '8': 5001 });
    const r = map.refresh([5001, 5002, 6001, 9001, 9002, 9003], PASS2_MIN_INTERVAL_MS);
    expect(map.stats().lastScan).toBe('pass2');
    expect(r.owners.get(9002)).toBe(100);
    expect(r.owners.has(9003)).toBe(false);
    expect(proc.take()).toEqual(['100/0', '100/1', '150/8', '200/0']);
    // 9003 is due again a retry interval after that pass 2, by when a whole pass 2 is allowed again.
    const later = map.refresh(
      [5001, 5002, 6001, 9001, 9002, 9003],
      PASS2_MIN_INTERVAL_MS + Math.max(UNRESOLVED_RETRY_COUNTED_MS, FULL_PASS2_INTERVAL_MS) + 1,
    );
    expect(later.owners.get(9003)).toBe(100);
    expect(later.owners.get(5001)).toBe(150);
  });
});
