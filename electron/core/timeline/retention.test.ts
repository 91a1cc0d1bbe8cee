// Retention on real files: old segments go by age and by size, in small passes between ticks, and the file
// really shrinks (incremental vacuum), while every second still in range rebuilds.
import { statSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTimelineReader } from './timeline-reader';
import { openTimelineWriter, type WriterOptions } from './timeline-writer';
import { SyntheticTicks, copyTable } from './test-support/synthetic-ticks';
import { removeTempDirs, tempDir } from './test-support/temp-files';
import type { RecordedSocket } from './timeline-types';

afterEach(removeTempDirs);
const sorted = (xs: Iterable<RecordedSocket>) => [...xs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

async function run(file: string, g: SyntheticTicks, ticks: number, options: WriterOptions) {
  const w = openTimelineWriter(file, options);
  const tables = new Map<number, Map<string, RecordedSocket>>();
  for (let i = 0; i < ticks; i++) {
    const tick = g.next();
    w.writeTick(tick);
    tables.set(tick.takenAt, copyTable(g.table));
    // Pruning runs in passes between ticks, as the event loop gives it turns.
    for (let k = 0; k < 4; k++) await new Promise((r) => setImmediate(r));
  }
  // The last pass may need more turns than a tick's four on a slow machine (each pass stops at its time budget):
  // give it them, until the range stops moving, before judging what it dropped.
  for (let k = 0, from = w.status().range?.from; k < 200; k++) {
    await new Promise((r) => setImmediate(r));
    const now = w.status().range?.from;
    if (k >= 20 && now === from) break;
    from = now;
  }
  const status = w.status();
  w.close();
  return { tables, status };
}

describe('retention', () => {
  it('drops what is older than the retention, keeping the keyframe later seconds are rebuilt from', async () => {
    const file = path.join(tempDir(), 'rec.db');
    const g = new SyntheticTicks({ steady: 50, churnPerSecond: 10 });
    const { tables, status } = await run(file, g, 150, { retentionMs: 40_000, keyframeEveryMs: 10_000 });
    const last = Math.max(...tables.keys());
    const r = openTimelineReader(file);
    const range = r.range();
    // The oldest kept keyframe is the newest one at or before last - 40 s (passes run every 10 s of ticks).
    expect(range?.from).toBeGreaterThanOrEqual(last - 40_000 - 10_000 - 10_000);
    expect(range?.from).toBeLessThanOrEqual(last - 40_000);
    expect(status.range?.from).toBe(range?.from);
    expect(r.info().rows.ticks).toBe((last - (range?.from ?? 0)) / 1000 + 1);
    for (const t of [range?.from ?? 0, last - 20_000, last]) {
      expect(sorted(r.tableAt(t).sockets)).toEqual(sorted(tables.get(t)?.values() ?? []));
    }
    expect(() => r.tableAt((range?.from ?? 0) - 1000)).toThrow(/covers/);
    r.close();
  }, 30_000);

  it('keeps the file under its size, and gives the space back to the file system', async () => {
    const file = path.join(tempDir(), 'rec.db');
    const g = new SyntheticTicks({ steady: 100, churnPerSecond: 200, seed: 2 });
    await run(file, g, 120, { keyframeEveryMs: 10_000 });
    const big = statSync(file).size;
    expect(big).toBeGreaterThan(1_500_000);
    const maxBytes = 600_000;
    const { tables } = await run(file, g, 40, { keyframeEveryMs: 10_000, maxBytes });
    const small = statSync(file).size;
    // Segments went until the live pages fit, and the freed pages left the file (not only its free list).
    expect(small).toBeLessThan(big / 2);
    expect(small).toBeLessThan(maxBytes * 1.5);
    const r = openTimelineReader(file);
    const range = r.range();
    const last = Math.max(...tables.keys());
    expect(range?.to).toBe(last);
    expect(sorted(r.tableAt(last).sockets)).toEqual(sorted(tables.get(last)?.values() ?? []));
    r.close();
  }, 30_000);
});
