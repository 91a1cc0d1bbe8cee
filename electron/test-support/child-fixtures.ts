// Child processes for kill tests: each holds a loopback listener and may ignore SIGTERM; `stopAll` ends leftovers.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

/** A started child, its listener's port, and a promise of its exit. */
export interface Holder {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly port: number;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];

/**
 * Starts `node` holding a listener on 127.0.0.1 (any port); with `ignoreTerm` it ignores SIGTERM. `wrap` runs it
 * through another command (e.g. setpriv). Resolves once it printed its port.
 */
export function spawnHolder(options: { ignoreTerm?: boolean; wrap?: readonly string[] } = {}): Promise<Holder> {
  const script = [
    options.ignoreTerm ? "process.on('SIGTERM', () => {});" : '',
    "const s = require('node:net').createServer(() => {});",
    "s.listen(0, '127.0.0.1', () => console.log(s.address().port));",
  ].join('\n');
  const [cmd, ...pre] = options.wrap ?? [];
  const child = cmd
    ? spawn(cmd, [...pre, process.execPath, '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    : spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('the holder printed no port')), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const port = Number(out.split('\n')[0]);
      if (out.includes('\n') && port > 0 && child.pid !== undefined) {
        clearTimeout(timer);
        resolve({ child, pid: child.pid, port, exited });
      }
    });
    child.once('error', reject);
  });
}

/** SIGKILLs every holder that is still running (only the children this module started). */
export function stopAll(): void {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}

/** A pid that just exited: a child that ran `true`-like code to completion and was reaped. */
export async function exitedPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' });
  await new Promise((r) => child.once('exit', r));
  if (child.pid === undefined) throw new Error('no pid');
  return child.pid;
}

/** The `ss -tanH` lines that mention `port` as local or remote port. */
export function ssLines(text: string, port: number): string[] {
  return text.split('\n').filter((l) => new RegExp(`:${port}\\s`).test(`${l} `));
}

/** A listener shared by a parent and its workers, as nginx, gunicorn or php-fpm run: every pid, parent first. */
export interface SharedListener {
  readonly port: number;
  readonly parent: number;
  readonly workers: readonly number[];
  /**
   * With `later`: sends the listener to the workers, which already run, and resolves once every one holds it (as a
   * cluster master does when it starts listening after forking). Without it the workers held it from the start.
   */
  handOver(): Promise<void>;
}

/**
 * Starts a `node` parent that listens on 127.0.0.1 and hands the very same listening socket to `workers` forked
 * children (SCM_RIGHTS over IPC: one socket, several processes). Resolves once every worker holds it; with `later`,
 * once every worker runs, and the parent hands the socket over when `handOver()` asks (SIGUSR2).
 */
export function spawnSharedListener(workers = 2, o: { readonly later?: boolean } = {}): Promise<SharedListener> {
  const script = `
    const { fork } = require('node:child_process');
    if (process.argv[2] === 'worker') {
      process.on('message', (m, server) => { globalThis.kept = server; process.send('held'); });
      process.on('disconnect', () => process.exit(0));
    } else {
      const s = require('node:net').createServer(() => {});
      s.listen(0, '127.0.0.1', () => {
        const kids = []; let held = 0; let spawned = 0;
        const later = ${o.later === true};
        const report = () => console.log(JSON.stringify({ port: s.address().port, workers: kids.map((c) => c.pid) }));
        for (let i = 0; i < ${workers}; i++) {
          const k = fork(__filename, ['worker'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
          kids.push(k);
          k.on('message', () => { if (++held === ${workers}) (later ? console.log('held') : report()); });
          if (later) k.on('spawn', () => { if (++spawned === ${workers}) report(); });
          else k.send('take', s);
        }
        process.on('SIGUSR2', () => { for (const k of kids) k.send('take', s); });
        process.on('SIGTERM', () => { for (const k of kids) k.kill('SIGKILL'); process.exit(0); });
      });
    }`;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-shared-')), 'shared.cjs');
  fs.writeFileSync(file, script);
  const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the shared listener never reported its workers')), 10_000);
    const lines = child.stdout ? readline.createInterface({ input: child.stdout }) : null;
    const held: (() => void)[] = [];
    lines?.on('line', (line) => {
      if (line === 'held') {
        held.shift()?.();
        return;
      }
      clearTimeout(timer);
      const { port, workers: pids } = JSON.parse(line) as { port: number; workers: number[] };
      const handOver = (): Promise<void> =>
        new Promise((done) => {
          held.push(done);
          child.kill('SIGUSR2');
        });
      resolve({ port, parent: child.pid ?? -1, workers: pids, handOver });
    });
    child.once('error', reject);
  });
}
