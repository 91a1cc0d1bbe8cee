// Real loopback sockets and child processes for integration tests; everything is closed by `dispose`.
import fs from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

/** Repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The built CLI entry. */
export const CLI = path.join(ROOT, 'bin', 'netinspect.cjs');

/** Opens a TCP listener on a random port of `host`. */
export async function listen(host = '127.0.0.1'): Promise<net.Server> {
  const server = net.createServer((s) => s.on('error', () => {}));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => resolve());
  });
  return server;
}

/** The port a listener got. */
export function portOf(server: net.Server): number {
  const a = server.address();
  if (a === null || typeof a === 'string') throw new Error('listener has no port');
  return a.port;
}

/** Connects to host:port and resolves once connected. */
export function connect(port: number, host = '127.0.0.1'): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, host, () => resolve(s));
    s.once('error', reject);
  });
}

/** The listeners and sockets a suite opened, for `closeAll` when it ends. */
export type Opened = (net.Server | net.Socket)[];

/** Ends everything in `open` and empties it. */
export function closeAll(open: Opened): void {
  for (const o of open.splice(0)) {
    if ('destroy' in o) o.destroy();
    else o.close();
  }
}

/** A listener on 127.0.0.1 and a connection to it from this process, both added to `open`. */
export async function connectedPair(open: Opened): Promise<{ server: net.Server; port: number; client: net.Socket }> {
  const server = await listen();
  open.push(server);
  const port = portOf(server);
  const client = await connect(port);
  open.push(client);
  return { server, port, client };
}

/**
 * Runs the CLI to completion. `killAfterMs` SIGKILLs a run that would otherwise outlive the test (a command that
 * should have refused its input at once but samples or watches instead); its code is then null.
 */
export function runCli(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; wrap?: readonly string[]; killAfterMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [cmd, ...pre] = options.wrap ?? [];
  const child = cmd
    ? spawn(cmd, [...pre, process.execPath, CLI, ...args], { env: { ...process.env, ...options.env } })
    : spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...options.env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = options.killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/**
 * Runs the CLI with its stdout on /dev/full (every write fails with ENOSPC, as on a full disk); resolves with its
 * exit code and stderr. Null where the OS has no /dev/full.
 */
export function runCliIntoFullDisk(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stderr: string }> | null {
  if (!fs.existsSync('/dev/full')) return null;
  const full = fs.openSync('/dev/full', 'w');
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', full, 'pipe'],
  });
  fs.closeSync(full);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

/** Starts `netinspect serve` (with `args` after `--port 0`) and resolves with its printed URL. */
export function startServe(
  env: NodeJS.ProcessEnv,
  args: readonly string[] = [],
): Promise<{ child: ChildProcess; url: URL; lines: string[] }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', ...args], { env: { ...process.env, ...env } });
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL; stdout so far: ${buf}`)), 15_000);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const parts = buf.split('\n');
      buf = parts.pop() ?? '';
      lines.push(...parts);
      if (lines.length > 0) {
        clearTimeout(timer);
        resolve({ child, url: new URL(lines[0]), lines });
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with ${code}`)));
  });
}

/** Polls `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error('timed out waiting for condition');
    await new Promise((r) => setTimeout(r, 50));
  }
}
