// Benchmark: a /metrics scrape inside a running exporter at 40,000 loopback TCP sockets (target < 50 ms), timed
// against `ss -tan` in the same run (alternating, medians); the exporter's CPU (with its collector) at a 15 s scrape
// interval, idle and at 40,000 sockets; and the same scrape on a synthetic 40,000-socket table.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { nodeBundle } from '../scripts/node-bundle.mjs';
import { forkHolder, median } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const holders = Number(process.env.BENCH_HOLDERS ?? 5);
const pairsPerHolder = Number(process.env.BENCH_PAIRS ?? 4000);
const runs = Number(process.env.BENCH_RUNS ?? 15);
const cpuSeconds = Number(process.env.BENCH_CPU_SECONDS ?? 60);
const outDir = path.join(root, 'out', 'bench-metrics');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

if (!existsSync(path.join(root, 'out', 'node', 'collector-worker.cjs')))
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'node'], { stdio: 'inherit' });
await build({
  ...nodeBundle({
    root,
    outDir,
    input: { synthetic: path.join(root, 'bench', 'metrics-synthetic.ts') },
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
  }),
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
});

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

/** CPU seconds (user + system) used so far by `pid` and its children that are alive now. */
function cpuOf(pid) {
  const one = (p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
    } catch {
      return 0;
    }
  };
  const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
  return { exporter: one(pid), collector: kids.reduce((t, k) => t + one(k), 0) };
}

/** One GET, wall time in ms and the body. */
function scrape(url) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    http
      .get(url, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, body }));
      })
      .on('error', reject);
  });
}

function timeCommand(cmd, args) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('exit', () => resolve(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

const tcpSockets = (body) =>
  body
    .split('\n')
    .filter((l) => l.startsWith('netinspect_sockets{proto="tcp"'))
    .reduce((t, l) => t + Number(l.split(' ').at(-1)), 0);

/** CPU of the exporter and its collector over `seconds`, scraped every 15 s like a default Prometheus job. */
async function cpuAt15s(pid, url, seconds) {
  const before = cpuOf(pid);
  const t0 = Date.now();
  for (let elapsed = 0; elapsed < seconds; elapsed += 15) {
    await scrape(url);
    await sleep(Math.min(15, seconds - elapsed) * 1000);
  }
  const after = cpuOf(pid);
  const wall = (Date.now() - t0) / 1000;
  const pct = (a, b) => ((100 * (a - b)) / wall).toFixed(1);
  return `exporter ${pct(after.exporter, before.exporter)} %, collector ${pct(after.collector, before.collector)} % of one core over ${wall.toFixed(0)} s`;
}

async function main() {
  console.log(
    execFileSync(process.execPath, [path.join(outDir, 'synthetic.cjs')])
      .toString()
      .trimEnd(),
  );

  const config = mkdtempSync(path.join(os.tmpdir(), 'netinspect-bench-metrics-'));
  const exporter = spawn(
    process.execPath,
    [path.join(root, 'bin', 'netinspect.cjs'), 'exporter', '--listen', '127.0.0.1:0'],
    {
      env: { ...process.env, NETINSPECT_CONFIG_DIR: config },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise((resolve) => exporter.stdout.once('data', (d) => resolve(String(d).split('\n')[0])));
  let children = [];
  try {
    await sleep(3000);
    console.log(`\nexporter at ${url} (refresh 1 s), idle table: ${await cpuAt15s(exporter.pid, url, 30)}`);

    console.log(`\nstarting ${holders} holders x ${pairsPerHolder} connection pairs ...`);
    children = await Promise.all(Array.from({ length: holders }, () => forkHolder(pairsPerHolder)));
    const want = holders * (pairsPerHolder * 2 + 1);
    for (let i = 0; tcpSockets((await scrape(url)).body) < want; i++) {
      if (i > 120) throw new Error('the exporter never saw the holders');
      await sleep(500);
    }
    const seen = tcpSockets((await scrape(url)).body);
    console.log(
      `exporter sees ${seen} TCP sockets (ss -tanH: ${
        execFileSync('ss', ['-tanH'], { maxBuffer: 1 << 28 })
          .toString()
          .trim()
          .split('\n').length
      })`,
    );
    await scrape(url);
    const ours = [];
    const ss = [];
    // 1.1 s apart, so every scrape meets a new refresh and runs the diagnosis afresh (the cost a 15 s job pays).
    for (let i = 0; i < runs; i++) {
      ours.push((await scrape(url)).ms);
      ss.push(await timeCommand('ss', ['-tan']));
      await sleep(1100);
    }
    const m = median(ours);
    console.log(`\nscrape inside the running exporter, ${seen} sockets, median of ${runs} (alternating with ss -tan):`);
    console.log(
      `  GET /metrics   ${m.toFixed(1).padStart(7)} ms (min ${Math.min(...ours).toFixed(1)}, max ${Math.max(...ours).toFixed(1)}; target < 50 ms)`,
    );
    console.log(
      `  ss -tan        ${median(ss).toFixed(1).padStart(7)} ms (whole process)  ratio scrape/ss = ${(m / median(ss)).toFixed(2)}`,
    );
    console.log(`\nat ${seen} sockets: ${await cpuAt15s(exporter.pid, url, cpuSeconds)}`);
  } finally {
    for (const c of children) c.kill();
    exporter.kill('SIGTERM');
    rmSync(config, { recursive: true, force: true });
  }
}

await main();
