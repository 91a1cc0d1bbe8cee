// Under Wine: the Windows collector's snapshot (one Windows Node process) against Wine's own `netstat -ano`,
// alternating A B A B, with a known load of loopback connection pairs. Run: node bench/wine-netstat.bench.mjs [pairs]
// The collector process takes two snapshots: the first sizes its table buffers, the second is the steady state.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { buildBundle, bundleDir, ensureWindowsNode, nodeExe, wineEnv } from '../scripts/wine-env.mjs';
import { median } from './harness.mjs';

const PAIRS = Number(process.argv[2] ?? 2000);
const ROUNDS = 3;

/** Opens `n` established loopback pairs held by this process (2n sockets); returns a closer. */
async function openPairs(n) {
  const sockets = [];
  const server = net.createServer((s) => sockets.push(s));
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  for (let i = 0; i < n; i++) {
    const c = net.connect(port, '127.0.0.1');
    await new Promise((r, j) => c.once('connect', r).once('error', j));
    sockets.push(c);
  }
  return () => {
    for (const s of sockets) s.destroy();
    server.close();
  };
}

/** Wall time (ms) of a whole Wine process, and what it produced. */
function timed(args, stdoutFile) {
  const t = performance.now();
  const r = spawnSync('wine', args, { env: wineEnv, stdio: ['ignore', stdoutFile ? 'pipe' : 'ignore', 'ignore'] });
  return { ms: performance.now() - t, stdout: r.stdout?.toString() ?? '' };
}

function netstat() {
  const { ms, stdout } = timed(['netstat', '-ano'], true);
  return { ms, rows: stdout.split('\n').filter((l) => /^\s*(TCP|UDP)\s/.test(l)).length };
}

function collector() {
  const out = path.join(bundleDir, 'bench-result.json');
  rmSync(out, { force: true });
  const { ms } = timed([nodeExe, path.join(bundleDir, 'wine-snapshot.cjs'), out, '2']);
  const r = JSON.parse(readFileSync(out, 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return { ms, rows: r.snapshot.sockets.length, firstMs: r.durationsMs[0], steadyMs: r.durationsMs[1] };
}

async function main() {
  if (!ensureWindowsNode(console.log)) throw new Error('could not install Windows Node');
  await buildBundle();
  const close = await openPairs(PAIRS);
  try {
    timed(['cmd', '/c', 'exit']); // start wineserver once, outside the measurements
    const a = [];
    const b = [];
    for (let i = 0; i < ROUNDS; i++) {
      a.push(netstat());
      b.push(collector());
    }
    const fmt = (x) => `${(x / 1000).toFixed(2)} s`;
    console.log(`load: ${PAIRS} loopback pairs opened here, plus whatever else the machine holds`);
    console.log(
      `wine netstat -ano      : median ${fmt(median(a.map((x) => x.ms)))}, ${a[0].rows} rows (no PIDs: Wine ignores -o)`,
    );
    console.log(
      `Windows collector      : median ${fmt(median(b.map((x) => x.ms)))} whole process, ` +
        `${fmt(median(b.map((x) => x.firstMs)))} first snapshot(), ${fmt(median(b.map((x) => x.steadyMs)))} next one, ` +
        `${b[0].rows} sockets with owner PIDs`,
    );
    console.log(`ratio collector/netstat: ${(median(b.map((x) => x.ms)) / median(a.map((x) => x.ms))).toFixed(2)}`);
  } finally {
    close();
    spawnSync('wineserver', ['-k'], { env: wineEnv });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
