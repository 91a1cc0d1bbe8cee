// Benchmark: `netinspect list` against `ss -tanp` and `netstat -tanp`, alternating, medians, ratios, peak RSS.
// A small table first (the machine as it is, ~100 sockets), then 40,000 TCP sockets (holder processes): a cold
// snapshot (--cold), and the answer of a running `netinspect serve` (its live table, refreshed for the request):
// again and again (the runs of its last answer kept, as a script or `watch` asking every second sees it), and the
// first answer of a serve that kept nothing yet.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { load, median, startHolders, startServe, timeProcess } from './harness.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'bin', 'netinspect.cjs');
const holders = Number(process.env.BENCH_HOLDERS ?? 5);
const pairs = Number(process.env.BENCH_PAIRS ?? 4000);
const runs = Number(process.env.BENCH_RUNS ?? 7);
const firstAnswers = Number(process.env.BENCH_FIRST_ANSWERS ?? 3);
if (!fs.existsSync(path.join(root, 'out', 'node', 'cli.cjs.cache')))
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'node'], { stdio: 'inherit' });

const have = (cmd) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const tcpCount = () =>
  execFileSync('ss', ['-tanH'], { maxBuffer: 1 << 28 })
    .toString()
    .trim()
    .split('\n').length;

/** Runs every contender `runs` times, in turn (A B C A B C ...), after one warm-up each; medians per name. */
async function alternate(contenders) {
  const times = new Map(contenders.map((c) => [c.name, { ms: [], kb: [] }]));
  for (const c of contenders) await timeProcess(c.cmd, c.args, c.env, c);
  for (let i = 0; i < runs; i++) {
    for (const c of contenders) {
      const r = await timeProcess(c.cmd, c.args, c.env, c);
      times.get(c.name).ms.push(r.ms);
      if (r.kb !== null) times.get(c.name).kb.push(r.kb);
    }
  }
  const out = new Map();
  for (const [name, t] of times) out.set(name, { ms: median(t.ms), mb: t.kb.length ? median(t.kb) / 1024 : null });
  return out;
}

function report(title, results, ours, peer, target, rssTarget = null) {
  console.log(`\n${title} (median of ${runs} alternating runs; load ${load()}):`);
  for (const [name, r] of results) {
    const rss = r.mb === null ? '' : `  RSS ${r.mb.toFixed(0).padStart(4)} MB`;
    console.log(`  ${name.padEnd(38)} ${r.ms.toFixed(0).padStart(6)} ms${rss}`);
  }
  const o = results.get(ours);
  const p = results.get(peer);
  if (!o || !p) return;
  const ratio = o.ms / p.ms;
  console.log(
    `  => ${ours} / ${peer} = ${ratio.toFixed(2)} (target <= ${target}: ${ratio <= target ? 'met' : 'NOT met'})` +
      (rssTarget !== null && o.mb !== null
        ? `; RSS ${o.mb.toFixed(0)} MB (target <= ${rssTarget} MB: ${o.mb <= rssTarget ? 'met' : 'NOT met'})`
        : ''),
  );
}

const peers = [];
if (have('ss')) peers.push({ name: 'ss -tanp', cmd: 'ss', args: ['-tanp'] });
if (have('netstat')) peers.push({ name: 'netstat -tanp', cmd: 'netstat', args: ['-tanp'] });
// A TMPDIR of this bench's own: only the serve this bench starts can answer its `list` runs.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-list-bench-'));
const env = { ...process.env, TMPDIR: tmp, XDG_RUNTIME_DIR: '', NETINSPECT_CONFIG_DIR: path.join(tmp, 'config') };
const node = process.execPath;
const cold = [
  { name: 'netinspect list --json --cold', cmd: node, args: [cli, 'list', '--json', '--cold'], env },
  { name: 'netinspect list --cold (table)', cmd: node, args: [cli, 'list', '--cold'], env },
];

async function main() {
  console.log(`bench: small table: ${tcpCount()} TCP sockets on the machine`);
  // Node's own start, measured alongside: the floor no command run by Node goes under.
  const bare = { name: "node -e 0 (Node's start alone)", cmd: node, args: ['-e', '0'] };
  const small = await alternate([...cold, bare, ...peers]);
  report('small table, whole process', small, cold[1].name, 'ss -tanp', 1.5);
  const ss = small.get('ss -tanp');
  if (ss) console.log(`  floor: Node's start alone is ${(small.get(bare.name).ms / ss.ms).toFixed(2)} x ss -tanp`);

  console.log(`\nbench: starting ${holders} holders x ${pairs} connection pairs ...`);
  const children = await startHolders(holders, pairs);
  let serve = null;
  try {
    console.log(`bench: ${tcpCount()} TCP sockets on the machine (ss -tanH)`);
    report(
      '40,000 sockets, cold snapshot, whole process',
      await alternate([cold[0], ...peers]),
      cold[0].name,
      'ss -tanp',
      0.5,
      80,
    );
    // The same into a pipe, read as fast as it comes (`| cat`): what a reader such as jq sees.
    const piped = (c) => ({ ...c, name: `${c.name} | pipe`, pipe: true });
    report(
      '40,000 sockets, cold snapshot, output into a pipe',
      await alternate([piped(cold[0]), ...peers.map(piped)]),
      piped(cold[0]).name,
      'ss -tanp | pipe',
      0.5,
      80,
    );
    const warm = { name: 'netinspect list --json (serve runs)', cmd: node, args: [cli, 'list', '--json'], env };
    // A first answer: a serve that has not answered yet (nothing of an earlier answer kept), started afresh for
    // each, its table settled for a few seconds; the ss runs beside it are this part's peer.
    const firstMs = [];
    const firstPeer = [];
    for (let i = 0; i < firstAnswers; i++) {
      serve = (await startServe(cli, env)).child;
      await new Promise((r) => setTimeout(r, 5_000));
      const r = await timeProcess(warm.cmd, warm.args, env);
      firstMs.push(r.ms);
      if (peers[0]) firstPeer.push((await timeProcess(peers[0].cmd, peers[0].args)).ms);
      serve.kill('SIGTERM');
      await new Promise((r) => serve.once('exit', r));
      serve = null;
    }
    serve = (await startServe(cli, env)).child;
    const out = execFileSync(node, warm.args, { env, maxBuffer: 1 << 28 }).toString();
    if (!out.includes('"kind":"warm"')) throw new Error('the running serve did not answer');
    const repeat = await alternate([warm, ...peers]);
    report(
      '40,000 sockets, answered by a running netinspect serve, again (the runs of its last answer kept)',
      repeat,
      warm.name,
      'ss -tanp',
      0.5,
      80,
    );
    if (firstMs.length > 0) {
      const f = median(firstMs);
      const p = firstPeer.length > 0 ? median(firstPeer) : null;
      console.log(
        `\n40,000 sockets, the first answer of a running netinspect serve (median of ${firstMs.length} serves):`,
      );
      console.log(`  ${warm.name.padEnd(38)} ${f.toFixed(0).padStart(6)} ms`);
      if (p !== null) {
        console.log(`  ${'ss -tanp (run after each)'.padEnd(38)} ${p.toFixed(0).padStart(6)} ms`);
        console.log(
          `  => first answer / ss -tanp = ${(f / p).toFixed(2)} (target <= 0.5: ${f / p <= 0.5 ? 'met' : 'NOT met'})`,
        );
      }
    }
  } finally {
    serve?.kill('SIGTERM');
    for (const ch of children) ch.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
