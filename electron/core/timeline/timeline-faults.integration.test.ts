// Recording on a real small file system: a full disk pauses recording (never a throw into the tick), and it
// resumes by itself once writes succeed, with the gap recorded and nothing before it lost.
// As root, this test mounts its own 4 MiB tmpfs on a temporary folder and unmounts it afterwards.
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openTimelineReader } from './timeline-reader';
import { openTimelineWriter, type TimelineWriter } from './timeline-writer';
import { SyntheticTicks, copyTable } from './test-support/synthetic-ticks';
import { removeTempDirs } from './test-support/temp-files';
import { mountTmpfs, unmountTmpfs } from './test-support/tmpfs';
import type { RecordedSocket } from './timeline-types';

const mounted = mountTmpfs('4m');
if (!mounted.dir) console.log(`timeline fault tests skipped: ${mounted.why}`);
afterAll(() => {
  unmountTmpfs();
  removeTempDirs();
});

const sorted = (xs: Iterable<RecordedSocket>) => [...xs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Writes ticks until `done` says so (at most `max`); every writeTick must return normally. */
async function tickUntil(
  w: TimelineWriter,
  g: SyntheticTicks,
  tables: Map<number, Map<string, RecordedSocket>>,
  done: () => boolean,
  max: number,
): Promise<number> {
  for (let i = 0; i < max && !done(); i++) {
    const tick = g.next();
    expect(() => w.writeTick(tick)).not.toThrow();
    tables.set(tick.takenAt, copyTable(g.table));
    await new Promise((r) => setTimeout(r, 2));
  }
  return g.table.size;
}

describe.skipIf(!mounted.dir)('recording faults on a real file system', () => {
  it('pauses on a full disk, resumes once space is freed, and records the gap', async () => {
    const dir = mounted.dir as string;
    const file = path.join(dir, 'rec.db');
    const filler = path.join(dir, 'filler');
    writeFileSync(filler, Buffer.alloc(1536 * 1024));
    const w = openTimelineWriter(file, { keyframeEveryMs: 10_000, retryMs: 1 });
    const g = new SyntheticTicks({ steady: 200, churnPerSecond: 300, seed: 9 });
    const tables = new Map<number, Map<string, RecordedSocket>>();
    await tickUntil(w, g, tables, () => w.status().paused !== null, 400);
    const paused = w.status().paused;
    expect(paused).toMatchObject({ reason: 'disk-full', key: 'timeline.paused.diskFull' });
    expect(paused?.message).toContain('is full');
    expect(w.status().recording).toBe(false);
    const lastGood = w.status().range?.to as number;
    // Still full: more ticks are dropped, counted, and never thrown.
    await tickUntil(w, g, tables, () => false, 3);
    expect(w.status().paused?.droppedTicks).toBeGreaterThan(1);

    rmSync(filler);
    await tickUntil(w, g, tables, () => w.status().recording, 20);
    expect(w.status()).toMatchObject({ recording: true, paused: null });
    await tickUntil(w, g, tables, () => false, 3);
    w.close();

    const r = openTimelineReader(file);
    // The first tick on disk after the pause. A table of several keyframe parts waits for its keyframe, built in
    // the background, and lands with the next tick: the one given just before the space was freed can be it.
    const resumedAt = r.ticksBetween(lastGood + 1, Number.MAX_SAFE_INTEGER)[0].t;
    expect(tables.has(resumedAt)).toBe(true);
    const gap = r.info().gaps[0];
    expect(gap).toMatchObject({ from: lastGood, to: resumedAt, reason: 'disk-full' });
    // Before the pause, and after it, every table is the one recorded.
    for (const t of [lastGood, resumedAt, r.range()?.to as number]) {
      expect(sorted(r.tableAt(t).sockets)).toEqual(sorted(tables.get(t)?.values() ?? []));
    }
    // Inside the gap the answer says so instead of passing off the last table as current.
    expect(r.tableAt(lastGood + 1).gap).toMatchObject({ reason: 'disk-full' });
    r.close();
    rmSync(file, { force: true });
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  });
});
