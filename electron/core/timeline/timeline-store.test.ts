// Writer and reader on real files: the table rebuilt at any tick equals the one recorded, in every segment.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model/errors';
import { PART_SOCKETS } from './keyframe';
import { openTimelineReader } from './timeline-reader';
import { openTimelineWriter, type WriterOptions } from './timeline-writer';
import { SyntheticTicks, copyTable } from './test-support/synthetic-ticks';
import { removeTempDirs, tempDir } from './test-support/temp-files';
import type { JsonObject, RecordedSocket } from './timeline-types';

afterEach(removeTempDirs);
const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
};
const sorted = (xs: readonly RecordedSocket[]) => [...xs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Records `ticks` synthetic ticks and keeps a copy of the table at every one of them. */
async function record(file: string, ticks: number, keyframeEveryMs: number, steady = 300, churn = 40) {
  const w = openTimelineWriter(file, { keyframeEveryMs, host: 'test-host', version: '9.9.9' });
  const g = new SyntheticTicks({ steady, churnPerSecond: churn, seed: 3 });
  const tables = new Map<number, Map<string, RecordedSocket>>();
  const ticksSeen = [];
  for (let i = 0; i < ticks; i++) {
    const tick = g.next();
    w.writeTick(tick);
    tables.set(tick.takenAt, copyTable(g.table));
    ticksSeen.push(tick);
    // Keyframes are built a part per turn of the event loop, as between real ticks.
    await turns(3);
  }
  return { w, tables, ticks: ticksSeen };
}

/** A writer on a new file, and a generator of `steady` sockets that never churn. */
function steadyRecording(steady: number, options: WriterOptions = {}) {
  const file = path.join(tempDir(), 'rec.db');
  return { file, w: openTimelineWriter(file, options), g: new SyntheticTicks({ steady, churnPerSecond: 0 }) };
}

describe('timeline store', () => {
  it('rebuilds the whole table at every recorded tick, across keyframes built between ticks', async () => {
    const file = path.join(tempDir(), 'rec.db');
    const { w, tables } = await record(file, 100, 15_000);
    const status = w.status();
    expect(status.recording).toBe(true);
    expect(status.ticksWritten).toBe(100);
    expect(status.sizeBytes).toBeGreaterThan(0);
    w.close();
    const r = openTimelineReader(file);
    expect(r.info().rows.keyframes).toBeGreaterThan(5);
    // Backwards, so the reader cannot simply step forward from its last answer.
    for (const t of [...tables.keys()].reverse()) {
      const got = r.tableAt(t);
      expect(got.tickAt).toBe(t);
      expect(sorted(got.sockets)).toEqual(sorted([...(tables.get(t)?.values() ?? [])]));
    }
    // Between two ticks: the table of the tick before, and how old it is.
    const [t0] = tables.keys();
    const mid = r.tableAt(t0 + 400);
    expect(mid.tickAt).toBe(t0);
    expect(mid.ageMs).toBe(400);
    expect(mid.processes.map((p) => p.pid).sort()).toEqual(
      [...new Set(mid.sockets.map((s) => s.pid).filter((p): p is number => typeof p === 'number'))].sort(),
    );
    r.close();
  }, 30_000);

  it('answers a time outside the recording with an error that states the range', async () => {
    const file = path.join(tempDir(), 'rec.db');
    const { w, tables } = await record(file, 5, 60_000);
    w.close();
    const r = openTimelineReader(file);
    const times = [...tables.keys()];
    const range = r.range();
    expect(range).toEqual({ from: times[0], to: times[4] });
    for (const t of [times[0] - 1, times[4] + 1]) {
      try {
        r.tableAt(t);
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).key).toBe('timeline.error.outOfRange');
        expect((e as AppError).params?.from).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
        expect((e as Error).message).toContain(
          `covers ${(e as AppError).params?.from} to ${(e as AppError).params?.to}`,
        );
      }
    }
    expect(() => r.ticksBetween(times[4] + 10, times[4] + 20)).toThrow(/covers/);
    r.close();
  });

  it('steps tick by tick and answers summaries, transitions and closed connections of a window', async () => {
    const file = path.join(tempDir(), 'rec.db');
    const { w, ticks } = await record(file, 20, 60_000, 100, 30);
    w.close();
    const r = openTimelineReader(file);
    const times = ticks.map((t) => t.takenAt);
    expect(r.nearestTick(times[5], 'next')).toBe(times[6]);
    expect(r.nearestTick(times[5], 'previous')).toBe(times[4]);
    expect(r.nearestTick(times[5] + 300, 'nearest')).toBe(times[5]);
    expect(r.nearestTick(times[5] + 700, 'nearest')).toBe(times[6]);
    expect(r.nearestTick(times[0], 'previous')).toBeNull();
    const summaries = r.ticksBetween(times[2], times[9], { detail: true });
    expect(summaries.map((s) => s.t)).toEqual(times.slice(2, 10));
    summaries.forEach((s, i) => {
      const tick = ticks[i + 2];
      expect(s.counts).toEqual(tick.counts);
      expect(s.closed).toBe(tick.closed.length);
      expect(s.detail).toEqual(tick.transitions);
      expect(s.transitions.reduce((n, x) => n + x.count, 0)).toBe(tick.transitions.length);
    });
    const closed = ticks.slice(2, 10).flatMap((t) => t.closed.map((record) => ({ t: t.takenAt, record })));
    expect(closed.length).toBeGreaterThan(10);
    expect(r.closedBetween(times[2], times[9], 10_000)).toEqual({ records: closed, truncated: false });
    expect(r.closedBetween(times[2], times[9], 7)).toEqual({ records: closed.slice(0, 7), truncated: true });
    // A predicate picks records before the limit counts them: the cap is of the kept ones.
    const even = (c: { record: JsonObject }) => Number(c.record.localPort) % 2 === 0;
    const kept = closed.filter(even);
    expect(kept.length).toBeGreaterThan(3);
    expect(kept.length).toBeLessThan(closed.length);
    expect(r.closedBetween(times[2], times[9], 3, (c) => even({ record: c }))).toEqual({
      records: kept.slice(0, 3),
      truncated: true,
    });
    expect(r.closedBetween(times[2], times[9], kept.length, (c) => even({ record: c }))).toEqual({
      records: kept,
      truncated: false,
    });
    const info = r.info();
    expect(info).toMatchObject({ host: 'test-host', version: '9.9.9', platform: process.platform, schemaVersion: 1 });
    expect(info.rows.ticks).toBe(20);
    expect(info.rows.closed).toBe(ticks.reduce((n, t) => n + t.closed.length, 0));
    expect(info.writer).toMatchObject({ pid: process.pid, clean: true });
    r.close();
  });

  it('records ticks whose clock stepped back 1 ms after the last, so none is lost', async () => {
    const { file, w, g } = steadyRecording(10);
    const a = g.next();
    const b = g.next();
    w.writeTick(a);
    w.writeTick({ ...b, takenAt: a.takenAt - 5000 });
    w.close();
    const r = openTimelineReader(file);
    expect(r.range()).toEqual({ from: a.takenAt, to: a.takenAt + 1 });
    r.close();
  });

  it('rebuilds from the table the caller gives when its deltas drifted from it', async () => {
    const { file, w, g } = steadyRecording(20, { keyframeEveryMs: 1000 });
    w.writeTick(g.next());
    const tick = g.next();
    // A delta that forgot a removal: the table says one socket fewer.
    const table = [...g.table.values()].slice(1);
    w.writeTick({ ...tick, table });
    const next = g.next();
    w.writeTick({ ...next, table: [...g.table.values()].slice(1) });
    w.close();
    const r = openTimelineReader(file);
    expect(sorted(r.tableAt(tick.takenAt).sockets)).toEqual(sorted(table));
    r.close();
  });

  it('pauses instead of throwing on a value JSON cannot carry, and resumes once it is gone', async () => {
    const { file, w, g } = steadyRecording(10, { retryMs: 0 });
    w.writeTick(g.next());
    const bad = { key: 'tcp4 odd', state: 'LISTEN', inode: 1n } as unknown as RecordedSocket;
    const tick = g.next();
    expect(() => w.writeTick({ ...tick, added: [bad], table: [...g.table.values(), bad] })).not.toThrow();
    expect(w.status().paused).toMatchObject({ reason: 'failed', key: 'timeline.paused.failed' });
    const next = g.next();
    w.writeTick({ ...next, removed: [bad.key] });
    expect(w.status()).toMatchObject({ recording: true, paused: null });
    w.close();
    const r = openTimelineReader(file);
    expect(sorted(r.tableAt(next.takenAt).sockets)).toEqual(sorted([...g.table.values()]));
    expect(r.info().gaps).toHaveLength(1);
    r.close();
  });
  describe('a first tick of several parts', () => {
    // Its keyframe is built in the background, a part per turn with brotli on the thread pool: the tick that asked
    // for it returns at once, and nothing of that tick is on disk before its keyframe is.
    const big = () => steadyRecording(PART_SOCKETS * 2 + 10);

    it('lands with its keyframe after turns of the event loop, not in the tick that asked', async () => {
      const { file, w, g } = big();
      const tick = g.next();
      w.writeTick(tick);
      expect(w.status()).toMatchObject({ ticksWritten: 0, range: null });
      const r = openTimelineReader(file);
      expect(r.range()).toBeNull();
      let turnsTaken = 0;
      const deadline = Date.now() + 20_000;
      while (w.status().ticksWritten === 0 && Date.now() < deadline) {
        await turns(1);
        turnsTaken++;
      }
      expect(w.status()).toMatchObject({ ticksWritten: 1, range: { from: tick.takenAt, to: tick.takenAt } });
      // At least one turn per part: the loop stayed free between them.
      expect(turnsTaken).toBeGreaterThanOrEqual(3);
      expect(sorted(r.tableAt(tick.takenAt).sockets)).toEqual(sorted([...g.table.values()]));
      r.close();
      w.close();
    }, 30_000);

    it('lands with the next tick when that comes first, and the next tick builds on it', () => {
      const { file, w, g } = big();
      const first = g.next();
      w.writeTick(first);
      const firstTable = [...g.table.values()];
      const second = g.next();
      g.table.delete(firstTable[0].key);
      w.writeTick({ ...second, removed: [firstTable[0].key] });
      expect(w.status().ticksWritten).toBe(2);
      w.close();
      const r = openTimelineReader(file);
      expect(sorted(r.tableAt(first.takenAt).sockets)).toEqual(sorted(firstTable));
      expect(sorted(r.tableAt(second.takenAt).sockets)).toEqual(sorted([...g.table.values()]));
      expect(r.info().rows.keyframes).toBe(1);
      r.close();
    });

    it('is written by close while its keyframe is still being built', async () => {
      const { file, w, g } = big();
      const tick = g.next();
      w.writeTick(tick);
      // Part way: some parts packed, one on the thread pool, the rest not begun.
      await turns(2);
      w.close();
      const r = openTimelineReader(file);
      expect(r.info().writer).toMatchObject({ clean: true });
      expect(sorted(r.tableAt(tick.takenAt).sockets)).toEqual(sorted([...g.table.values()]));
      r.close();
    });
  });
});
