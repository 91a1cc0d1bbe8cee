// Benchmark (reports, never gates): the real page in headless Chromium against browser mode over a synthetic
// table (bench/synthetic-serve.ts: 50,000 sockets, 1,000 of them changing every 1 s tick). Scrolls the grid for
// BENCH_SCROLL_S seconds recording requestAnimationFrame intervals, then the main thread's CPU per frame over a traced
// scroll, then times a sort and a filter of all rows. BENCH_RENDERER_DIR serves another build of the renderer (to
// compare two builds, alternating runs).
// With BENCH_PAGE_LOAD=1 it also times page load to the whole table shown against a real `serve` at 40,000 sockets.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
/* global document, requestAnimationFrame, HTMLInputElement -- functions passed to page.evaluate run in the page. */
import { chromium } from '@playwright/test';
import { buildBenchEntry, load, median, percentile, startHolders, startServe, untilQuiet } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.NETINSPECT_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'];
const SOCKETS = Number(process.env.SYNTH_SOCKETS ?? 50_000);
const SCROLL_S = Number(process.env.BENCH_SCROLL_S ?? 10);
const LOADS = Number(process.env.BENCH_LOADS ?? 3);

/** Waits until the grid shows at least `rows` rows and is no longer loading; returns ms since `t0`. */
async function tableShown(page, rows, t0) {
  await page.waitForFunction(
    (n) => {
      const g = document.querySelector('[role=grid]');
      return g && g.getAttribute('aria-busy') === 'false' && Number(g.getAttribute('aria-rowcount')) >= n;
    },
    rows,
    { timeout: 120_000, polling: 'raf' },
  );
  return performance.now() - t0;
}

/** `loads` page loads (new tab each) until the whole table is shown, and the bytes of the table's WebSocket answer. */
async function pageLoads(context, url, rows, loads = LOADS) {
  const ms = [];
  let bytes = 0;
  for (let i = 0; i < loads; i++) {
    const page = await context.newPage();
    page.on('websocket', (ws) => ws.on('framereceived', (f) => (bytes = Math.max(bytes, f.payload.length))));
    const t0 = performance.now();
    await page.goto(url);
    ms.push(await tableShown(page, rows, t0));
    await page.close();
  }
  return { ms: median(ms), each: ms.map((x) => x.toFixed(0)).join(', '), bytes, all: ms };
}

async function scrollFrames(page, seconds = SCROLL_S) {
  return page.evaluate(async (seconds) => {
    const grid = document.querySelector('[role=grid]');
    const frames = [];
    let last = performance.now();
    const end = last + seconds * 1000;
    await new Promise((resolve) => {
      const step = (t) => {
        frames.push(t - last);
        last = t;
        grid.scrollTop = (grid.scrollTop + 240) % Math.max(1, grid.scrollHeight - grid.clientHeight);
        if (t < end) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return frames.slice(1);
  }, seconds);
}

/**
 * CPU time of the renderer's main thread per frame over a second, traced scroll (ms): steadier than frame times,
 * which the 2 cores' other threads and the OS shift, so it shows whether a change made a frame's work smaller.
 */
async function mainThreadCpuPerFrame(page) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline', transferMode: 'ReportEvents' });
  const frames = await scrollFrames(page, 5);
  const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  const names = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args.name]));
  const main = events
    .filter((e) => e.ph === 'X' && e.dur && names.get(`${e.pid}:${e.tid}`) === 'CrRendererMain')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Top-level tasks only (the ones nested in them are inside their thread time already).
  let cpu = 0;
  let end = 0;
  for (const e of main) {
    if (e.ts < end) continue;
    cpu += e.tdur ?? e.dur;
    end = e.ts + e.dur;
  }
  return cpu / 1000 / frames.length;
}

/**
 * ms from an action to the frame after its answer shows: a filter's by the grid's row count (each filter below
 * gives another), a sort's by the tuple of the top row shown (the lowest aria-rowindex: the grid recycles its row
 * elements, so the first in the DOM may be any row). Cells that deltas change (age, rates) are never read: an answer
 * read from them would end early, and the next action would start under a pending one.
 */
async function untilGridChanges(page, act, text = '') {
  return page.evaluate(
    async ([what, value]) => {
      const grid = document.querySelector('[role=grid]');
      const signature = () => {
        const count = grid.getAttribute('aria-rowcount');
        if (what === 'filter') return count;
        let top = null;
        for (const row of grid.querySelectorAll('[role=row][aria-rowindex]'))
          if (!top || Number(row.getAttribute('aria-rowindex')) < Number(top.getAttribute('aria-rowindex'))) top = row;
        const cells = [...(top?.querySelectorAll('[role=gridcell]') ?? [])].slice(0, 5);
        return `${count} ${cells.map((c) => c.textContent).join(' ')}`;
      };
      const before = signature();
      const t0 = performance.now();
      if (what === 'sort') grid.querySelector('[role=columnheader] button').click();
      else {
        const input = document.querySelector('input[type=search]') ?? document.querySelector('.field-label + input');
        const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        set.call(input, value);
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      for (;;) {
        await new Promise((r) => requestAnimationFrame(() => r()));
        if (signature() !== before) return performance.now() - t0;
        if (performance.now() - t0 > 10_000) return NaN;
      }
    },
    [act, text],
  );
}

async function synthetic(context) {
  const entry = await buildBenchEntry('synthetic-serve');
  const child = spawn(process.execPath, [entry], { stdio: ['ignore', 'pipe', 'inherit'], env: process.env });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (d) => resolve(String(d).trim()));
    child.once('exit', (c) => reject(new Error(`synthetic serve exited ${c}`)));
  });
  try {
    const loaded = await pageLoads(context, url, SOCKETS);
    const page = await context.newPage();
    await page.goto(url);
    await tableShown(page, SOCKETS, performance.now());
    const frames = await scrollFrames(page);
    const cpuPerFrame = await mainThreadCpuPerFrame(page);
    const sort = [];
    const filter = [];
    for (let i = 0; i < 3; i++) sort.push(await untilGridChanges(page, 'sort'));
    // Filtered, cleared (every row back), filtered otherwise: each with 1 s deltas arriving meanwhile.
    for (const text of ['state:listen', '', 'state:established'])
      filter.push(await untilGridChanges(page, 'filter', text));
    console.log(
      `\nrenderer at ${SOCKETS} synthetic sockets, 1,000 changes per 1 s tick (headless Chromium; load ${load()}):`,
    );
    console.log(
      `  page load to the whole table shown: ${loaded.ms.toFixed(0)} ms (median of ${LOADS}: ${loaded.each}); table answer ${(loaded.bytes / 1e6).toFixed(1)} MB on the wire`,
    );
    const p = (q) => percentile(frames, q).toFixed(1);
    console.log(
      `  scrolling ${SCROLL_S} s while deltas arrive: ${frames.length} frames, p50 ${p(50)} / p95 ${p(95)} / p99 ${p(99)} ms`,
    );
    console.log(
      `  => p95 target <= 20 ms: ${percentile(frames, 95) <= 20 ? 'met' : 'NOT met'}; p99 target <= 34 ms: ${percentile(frames, 99) <= 34 ? 'met' : 'NOT met'}`,
    );
    console.log(
      `  main thread CPU per frame over a second, traced 5 s scroll: ${cpuPerFrame.toFixed(1)} ms (a frame lasts 16.7 ms)`,
    );
    console.log(
      `  sort of all rows to the next frame: ${sort.map((x) => x.toFixed(0)).join(', ')} ms; filter: ${filter.map((x) => x.toFixed(0)).join(', ')} ms (target < 100 ms)`,
    );
    // Times only report; an answer that never came is a broken grid, and fails the run (and so CI, which runs it).
    if ([...sort, ...filter].some(Number.isNaN)) {
      console.error('renderer bench: a sort or filter of the grid showed no answer within 10 s');
      process.exitCode = 1;
    }
  } finally {
    child.kill('SIGTERM');
  }
}

/** Serves started for the real page loads: each one's first load is a window opening with the app. */
const FIRST_LOADS = Number(process.env.BENCH_FIRST_LOADS ?? 3);

async function realPageLoad(context) {
  const holders = Number(process.env.BENCH_HOLDERS ?? 5);
  const children = await startHolders(holders, Number(process.env.BENCH_PAIRS ?? 4000));
  // Their 40,000 connects keep the cores busy for a while after: the first load below is a window opening on a
  // settled machine, not one racing the holders' start.
  const settled = await untilQuiet();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-page-bench-'));
  const env = { ...process.env, TMPDIR: tmp, NETINSPECT_CONFIG_DIR: path.join(tmp, 'config') };
  const rows = Math.floor(holders * Number(process.env.BENCH_PAIRS ?? 4000) * 2 * 0.99);
  const firsts = [];
  let later = [];
  let bytes = 0;
  try {
    // Each serve's first load starts as the serve does, as a window opens with the app: its table waits for the
    // collector's first (cold) snapshot (the first serve makes the recording, the others reopen it). The loads
    // after the last one's first find a running collector, as a tab opened later does.
    for (let k = 0; k < FIRST_LOADS; k++) {
      const last = k === FIRST_LOADS - 1;
      const s = await startServe(path.join(root, 'bin', 'netinspect.cjs'), env);
      try {
        const loaded = await pageLoads(context, s.url, rows, last ? LOADS : 1);
        firsts.push(loaded.all[0]);
        if (last) later = loaded.all.slice(1);
        bytes = loaded.bytes;
      } finally {
        const exited = new Promise((resolve) => s.child.once('exit', resolve));
        s.child.kill('SIGTERM');
        await exited;
      }
    }
  } finally {
    for (const ch of children) ch.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const met = (ms) => (ms <= 1500 ? 'met' : 'NOT met');
  const each = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
  console.log(
    `\nbrowser mode at ${rows}+ real sockets (serve with its forked collector; load ${load()}; started ${(settled.waitedMs / 1000).toFixed(0)} s after the holders, once the machine was quiet; table answer ${(bytes / 1e6).toFixed(1)} MB):`,
  );
  const first = median(firsts);
  console.log(
    `  the first load of each of ${FIRST_LOADS} serves, opened as it starts (a window opening with the app): median ${first.toFixed(0)} ms (${each(firsts)}; target <= 1500 ms: ${met(first)})`,
  );
  if (later.length > 0) {
    const m = median(later);
    console.log(
      `  the ${later.length} loads after the last one's first (a collector running): median ${m.toFixed(0)} ms (${each(later)}; target <= 1500 ms: ${met(m)})`,
    );
  }
}

// What ran before (in CI, the whole test suite) may still hold a core for a while: frames measured then measure it.
const quiet = await untilQuiet();
console.log(
  `waited ${(quiet.waitedMs / 1000).toFixed(0)} s for a quiet machine (busy ${quiet.busy === null ? 'unknown' : `${(quiet.busy * 100).toFixed(0)} %`} of its CPU in the last second)`,
);
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-bench-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  args: FLAGS,
  viewport: { width: 1440, height: 860 },
});
try {
  await synthetic(context);
  if (process.env.BENCH_PAGE_LOAD === '1') await realPageLoad(context);
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
