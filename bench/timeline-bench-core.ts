// The timeline store under synthetic load (built and run by timeline.bench.mjs): growth per hour, tick cost,
// and the time to rebuild the table at a random second of a 1-hour recording.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, constants, deflateRawSync } from 'node:zlib';
import Database from 'libsql';
import { openTimelineReader } from '../electron/core/timeline/timeline-reader';
import { KEYFRAME_EVERY_MS, openTimelineWriter } from '../electron/core/timeline/timeline-writer';
import { SyntheticTicks } from '../electron/core/timeline/test-support/synthetic-ticks';
import { KEYFRAME_QUALITY, TICK_QUALITY, encodeRecords } from '../electron/core/timeline/record-codec';

const HOUR = 3_600_000;
const KEYFRAME_MS = KEYFRAME_EVERY_MS;
// A turn of the event loop that also lets the thread pool answer (keyframe parts are compressed there): 30 of
// them between ticks stand in for the second between real ones.
const turn = () => new Promise((r) => setTimeout(r, 1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)];
const mb = (b: number) => (b / 1048576).toFixed(1);

function payloadBytes(file: string, from: number, to: number) {
  const db = new Database(`file:${file}?mode=ro`);
  const q = (sql: string, ...a: unknown[]) =>
    Number(
      (
        db
          .prepare(sql)
          .raw()
          .get(...a) as unknown[]
      )[0] ?? 0,
    );
  // Row payloads (the columns' bytes plus a few bytes of row header each).
  const rows = (from: number, to: number) =>
    q('SELECT coalesce(sum(length(summary) + 40), 0) FROM ticks WHERE t > ? AND t <= ?', from, to) +
    q('SELECT coalesce(sum(length(data) + 12), 0) FROM tick_data WHERE t > ? AND t <= ?', from, to);
  const ticks = rows(from, to);
  const kfCount = q('SELECT count(*) FROM keyframes');
  const kfBytes = q('SELECT sum(length(data)) FROM keyframe_parts') + q('SELECT sum(length(processes)) FROM keyframes');
  const live = (q('PRAGMA page_count') - q('PRAGMA freelist_count')) * q('PRAGMA page_size');
  const all = rows(-Infinity, Infinity);
  db.close();
  return { ticks, kfAvg: kfBytes / Math.max(1, kfCount), live, payload: all + kfBytes };
}

/** Growth per hour of a run of `seconds` ticks, from its steady part (after `warm` s), extrapolated to 1 h. */
async function growth(
  name: string,
  steady: number,
  churn: number,
  seconds: number,
  warm: number,
  target: number | null,
) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'timeline-bench-'));
  const file = path.join(dir, 'bench.db');
  const w = openTimelineWriter(file, { keyframeEveryMs: KEYFRAME_MS });
  const g = new SyntheticTicks({ steady, churnPerSecond: churn, seed: 7 });
  const tickMs: number[] = [];
  let from = 0;
  let to = 0;
  let tableSize = 0;
  for (let i = 0; i < seconds; i++) {
    const tick = g.next();
    const s = performance.now();
    w.writeTick(tick);
    tickMs.push(performance.now() - s);
    if (i === warm) from = tick.takenAt;
    to = tick.takenAt;
    tableSize = g.table.size;
    // Let the keyframe being built take its turns, as the event loop does between real ticks.
    for (let k = 0; k < 30; k++) await turn();
  }
  w.close();
  const p = payloadBytes(file, from, to);
  const overhead = p.live / p.payload;
  const perHour = (p.ticks * (HOUR / (to - from)) + p.kfAvg * (HOUR / KEYFRAME_MS)) * overhead;
  console.log(
    `${name}: ${tableSize} sockets in the table; ${seconds} synthetic 1-s ticks, growth measured over the last ` +
      `${(to - from) / 1000} s and extrapolated to 1 h (keyframe every ${KEYFRAME_MS / 60_000} min: ${mb(p.kfAvg)} MB each; page overhead x${overhead.toFixed(2)})`,
  );
  console.log(
    `  database growth: ${mb(perHour)} MB/hour` +
      (target ? `   target < ${target} MB/hour: ${perHour / 1048576 < target ? 'MET' : 'NOT MET'}` : ''),
  );
  console.log(
    `  writeTick: median ${median(tickMs).toFixed(1)} ms, p99 ${p99(tickMs).toFixed(1)} ms, max ${Math.max(...tickMs).toFixed(1)} ms (the first tick takes the table whole; its keyframe is built in the background, as every keyframe is)`,
  );
  rmSync(dir, { recursive: true, force: true });
}

/** Rebuild time at random seconds of a 1-hour recording at `steady` sockets. */
async function rebuild(steady: number, samples: number) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'timeline-bench-'));
  // BENCH_HOUR_DB=FILE keeps the hour (written once, ~3 min) for runs that only time the rebuild, e.g. profiling.
  const kept = process.env.BENCH_HOUR_DB;
  const file = kept ?? path.join(dir, 'hour.db');
  const started = performance.now();
  if (!kept || !existsSync(kept)) {
    const w = openTimelineWriter(file, { keyframeEveryMs: KEYFRAME_MS });
    const g = new SyntheticTicks({ steady, churnPerSecond: 20, seed: 11 });
    for (let i = 0; i < 3600; i++) {
      w.writeTick(g.next());
      for (let k = 0; k < 30; k++) await turn();
    }
    w.close();
  }
  const writeS = (performance.now() - started) / 1000;
  const r = openTimelineReader(file);
  const range = r.range();
  r.close();
  if (!range) throw new Error('empty recording');
  const timeAt = (t: number): number => {
    // A fresh reader each time: no table cached from the previous answer.
    const reader = openTimelineReader(file);
    const s = performance.now();
    const table = reader.tableAt(t);
    const ms = performance.now() - s;
    if (table.sockets.length < steady) throw new Error(`rebuilt ${table.sockets.length} sockets`);
    reader.close();
    return ms;
  };
  const times: number[] = [];
  let rnd = 42;
  for (let i = 0; i < samples; i++) {
    rnd = (rnd * 1103515245 + 12345) & 0x7fffffff;
    times.push(timeAt(range.from + Math.floor((rnd / 0x7fffffff) * (range.to - range.from))));
  }
  // The worst second: the last one before a keyframe, with a whole segment of deltas to replay.
  const worst = [1, 2, 3].map(() => timeAt(range.from + KEYFRAME_MS - 1000));
  const info = openTimelineReader(file).info();
  console.log(
    `rebuild: 1-hour recording at ${steady} sockets, 2% of them changing each second (${mb(info.sizeBytes)} MB, ` +
      `${info.rows.keyframes} keyframes, written in ${writeS.toFixed(0)} s); ${samples} random seconds, fresh reader each`,
  );
  const verdict = (ms: number) => (ms < 300 ? 'MET' : 'NOT MET');
  console.log(
    `  tableAt at a random second: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms   ` +
      `target < 300 ms: median ${verdict(median(times))}, max ${verdict(Math.max(...times))}`,
  );
  console.log(`  worst second (a whole segment to replay): ${worst.map((x) => x.toFixed(0)).join(', ')} ms`);
  rmSync(dir, { recursive: true, force: true });
}

/** deflate against brotli on the same bytes: one churn tick's sockets and events, and a 40,000-socket table. */
function codecs() {
  const g = new SyntheticTicks({ steady: 500, churnPerSecond: 1000, seed: 7 });
  for (let i = 0; i < 130; i++) g.next();
  const tick = g.next();
  // Thirty seconds in, so counters and times differ from socket to socket as they do in a real table.
  const big = new SyntheticTicks({ steady: 40_000, churnPerSecond: 20, seed: 7 });
  for (let i = 0; i < 30; i++) big.next();
  const cases = [
    ['churn tick (added, closed, transitions)', [...tick.added, ...tick.closed, ...tick.transitions], TICK_QUALITY],
    ['40,000-socket keyframe', [...big.table.values()], KEYFRAME_QUALITY],
  ] as const;
  for (const [name, records, quality] of cases) {
    for (const [layout, json] of [
      ['rows', JSON.stringify(records)],
      ['columns', JSON.stringify(encodeRecords(records))],
    ] as const) {
      const raw = Buffer.from(json);
      const time = (f: () => Buffer) => {
        const s = performance.now();
        const out = f();
        return `${(out.length / 1024).toFixed(0)} KiB in ${(performance.now() - s).toFixed(0)} ms`;
      };
      const deflate = time(() => deflateRawSync(raw, { level: 6 }));
      const brotli = time(() =>
        brotliCompressSync(raw, {
          params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
        }),
      );
      console.log(
        `codec, ${name}, ${layout} (${(raw.length / 1024).toFixed(0)} KiB JSON): deflate-6 ${deflate}; brotli-${quality} ${brotli}`,
      );
    }
  }
}

const which = process.argv[2] ?? 'all';
console.log('Synthetic ticks shaped like core Socket records; figures are extrapolated from shorter runs.');
console.log(
  `Load average now: ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores (timings are wall clock).`,
);
if (which === 'all' || which === 'codec') codecs();
if (which === 'all' || which === 'churn') await growth('churn 1,000 connections/s', 500, 1000, 420, 120, 100);
if (which === 'all' || which === 'steady') await growth('steady 40,000 sockets', 40_000, 0, 420, 60, null);
if (which === 'all' || which === 'rebuild') await rebuild(40_000, 20);
