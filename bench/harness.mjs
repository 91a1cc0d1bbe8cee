// What the benchmarks share: medians, and socket holder processes that keep N loopback connection pairs open.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Median of a list of numbers (the mean of the middle two for an even count). */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * Starts a holder of `pairs` connection pairs (2 * pairs + 1 sockets) and resolves once they are all open.
 * Each pair needs two fds: the shell raises the holder's soft limit (within the hard limit) before exec.
 */
export function forkHolder(pairs) {
  const limit = pairs * 2 + 200;
  const child = spawn(
    '/bin/sh',
    [
      '-c',
      `ulimit -n ${limit} && exec "$0" "$@"`,
      process.execPath,
      path.join(here, 'socket-holder.cjs'),
      String(pairs),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  return new Promise((resolve, reject) => {
    child.once('message', () => resolve(child));
    child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
  });
}

/** The machine's load averages (1, 5, 15 min), printed beside every figure: the machine may be shared. */
export function load() {
  return os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** Busy and total CPU time of the whole machine so far (USER_HZ ticks, /proc/stat's first line). */
function cpuTicks() {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  // idle and iowait are the 4th and 5th fields.
  return { busy: total - f[3] - (f[4] ?? 0), total };
}

/**
 * Waits, at most `maxMs`, for a second in which the machine's cores were busy under `share` of the time, and says
 * how long it waited: a frame time measured while other processes take a core measures them. Where /proc/stat is
 * missing it does not wait.
 */
export async function untilQuiet(share = 0.15, maxMs = 60_000) {
  if (!fs.existsSync('/proc/stat')) return { waitedMs: 0, busy: null };
  const t0 = Date.now();
  let last = cpuTicks();
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = cpuTicks();
    const busy = (now.busy - last.busy) / Math.max(1, now.total - last.total);
    last = now;
    if (busy < share || Date.now() - t0 >= maxMs) return { waitedMs: Date.now() - t0, busy };
  }
}

const ESM_GLOBALS = [
  "import { fileURLToPath as __benchFileURLToPath } from 'node:url';",
  'const __filename = __benchFileURLToPath(import.meta.url);',
  "const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));",
].join('\n');

/**
 * Builds bench/<name>.ts into out/bench/<name>.cjs (dependencies stay in node_modules); returns its path. `es`
 * makes <name>.mjs instead, for an entry that awaits at its top level.
 */
export async function buildBenchEntry(name, format = 'cjs') {
  const ext = format === 'es' ? 'mjs' : 'cjs';
  const { build } = await import('vite');
  const root = path.resolve(here, '..');
  await build({
    logLevel: 'warn',
    configFile: false,
    root,
    build: {
      ssr: true,
      outDir: path.join(root, 'out', 'bench'),
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      rollupOptions: {
        input: { [name]: path.join(root, 'bench', `${name}.ts`) },
        external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith(root),
        // An ES bench bundle gets CommonJS's __filename and __dirname, which core's sources use (libsql's loader).
        output: { format, entryFileNames: `[name].${ext}`, banner: format === 'es' ? ESM_GLOBALS : undefined },
      },
    },
  });
  return path.join(root, 'out', 'bench', `${name}.${ext}`);
}

/**
 * Wall time (ms) and peak RSS (kB, from /usr/bin/time where it exists, else null) of one whole process, its output
 * sent to /dev/null, or with `pipe` into a pipe this process reads as fast as it comes.
 */
export function timeProcess(cmd, args, env = process.env, { pipe = false } = {}) {
  const time = fs.existsSync('/usr/bin/time');
  const out = path.join(os.tmpdir(), `netinspect-bench-time-${process.pid}`);
  const [exe, argv] = time ? ['/usr/bin/time', ['-f', '%M', '-o', out, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(exe, argv, { stdio: ['ignore', pipe ? 'pipe' : 'ignore', 'pipe'], env });
    child.stdout?.resume();
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (code !== 0) return reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-300)}`));
      const kb = time ? Number(fs.readFileSync(out, 'utf8').trim().split('\n').pop()) : null;
      if (time) fs.rmSync(out, { force: true });
      resolve({ ms, kb: Number.isFinite(kb) ? kb : null });
    });
  });
}

/** Starts `netinspect serve` with `env` and resolves with the child and its URL. */
export function startServe(cli, env) {
  const child = spawn(process.execPath, [cli, 'serve', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve({ child, url: buf.slice(0, nl).trim() });
    });
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)));
  });
}

/** Starts `holders` holders of `pairs` connection pairs each; resolves with them. */
export async function startHolders(holders, pairs) {
  return Promise.all(Array.from({ length: holders }, () => forkHolder(pairs)));
}

/** The p-th percentile (0-100) of a list. */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
