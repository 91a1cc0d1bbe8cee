// Benchmark: exporting a report of ~50,000 sockets through `netinspect serve` (report:export + every report:chunk,
// what the window does), per format, alternating with `ss -tanp` as the reference; target under 3 s end to end.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { forkHolder, median } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const holders = Number(process.env.BENCH_HOLDERS ?? 5);
const pairsPerHolder = Number(process.env.BENCH_PAIRS ?? 5000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const cli = path.join(root, 'bin', 'netinspect.cjs');
if (!existsSync(path.join(root, 'out', 'node', 'cli.cjs')))
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'node'], { stdio: 'inherit' });

function startServe(configDir) {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], {
    env: { ...process.env, NETINSPECT_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) resolve({ child, url: new URL(buf.split('\n')[0]) });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

function rpc(url) {
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`);
  const pending = new Map();
  let next = 1;
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString());
    if (m.id !== undefined) pending.get(m.id)?.(m.result);
  });
  return new Promise((resolve) =>
    ws.once('open', () =>
      resolve({
        ws,
        call: (channel, request) =>
          new Promise((r) => {
            const id = next++;
            pending.set(id, r);
            ws.send(JSON.stringify({ id, channel, request }));
          }),
      }),
    ),
  );
}

/** One export as the window does it: build in core, then fetch every chunk. Returns times (ms) and sizes. */
async function exportOnce(client, format) {
  const t0 = performance.now();
  const r = await client.call('report:export', { format, window: '60s', filter: null, language: 'en' });
  if (!r.ok) throw new Error(r.error.message);
  let length = 0;
  for (let i = 0; i < r.value.chunks; i++) {
    const c = await client.call('report:chunk', { exportId: r.value.exportId, index: i });
    if (!c.ok) throw new Error(c.error.message);
    length += c.value.data.length;
  }
  return { totalMs: performance.now() - t0, buildMs: r.value.buildMs, sockets: r.value.socketCount, mb: length / 1e6 };
}

function timeSs() {
  const t0 = performance.now();
  execFileSync('ss', ['-tanp'], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
  return performance.now() - t0;
}

const configDir = mkdtempSync(path.join(os.tmpdir(), 'netinspect-bench-report-'));
const kids = [];
let serve = null;
try {
  for (let i = 0; i < holders; i++) kids.push(await forkHolder(pairsPerHolder));
  serve = await startServe(configDir);
  const client = await rpc(serve.url);
  // Warm up: the first snapshot of a new core is a cold full read.
  await client.call('sockets:snapshot', {});
  console.log(
    `report export benchmark: ${holders} holders x ${pairsPerHolder} pairs (~${holders * (pairsPerHolder * 2 + 1)} sockets), ${runs} runs per format`,
  );
  for (const format of ['json', 'html', 'csv', 'text']) {
    const ours = [];
    const ss = [];
    let last = null;
    for (let i = 0; i < runs; i++) {
      last = await exportOnce(client, format);
      ours.push(last.totalMs);
      ss.push(timeSs());
    }
    const m = median(ours);
    console.log(
      `${format.padEnd(5)} ${last.sockets} sockets, ${last.mb.toFixed(1)} MB: median ${m.toFixed(0)} ms end to end ` +
        `(core build ${last.buildMs} ms); ss -tanp median ${median(ss).toFixed(0)} ms; ratio ${(m / median(ss)).toFixed(1)}x; ` +
        `${m < 3000 ? 'meets' : 'MISSES'} the 3 s target`,
    );
  }
  client.ws.close();
} finally {
  serve?.child.kill('SIGTERM');
  for (const k of kids) k.kill('SIGTERM');
  rmSync(configDir, { recursive: true, force: true });
}
