// The CLI as a long-running child (`closed --follow`, `serve`, sampling commands) whose output is read as it comes.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI } from './net-fixtures';

/** A running command: its stdout lines so far, its stderr, and its end. */
export interface CliStream {
  readonly child: ChildProcess;
  readonly lines: string[];
  stderr(): string;
  /** Resolves once `n` stdout lines arrived; rejects after `timeoutMs` or when the command ended first. */
  waitLines(n: number, timeoutMs?: number): Promise<string[]>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `netinspect <args>` through `prefix` (a network namespace, another user), with `env` added. */
export function spawnCli(
  args: readonly string[],
  prefix: readonly string[] = [],
  env: NodeJS.ProcessEnv = {},
): CliStream {
  const [cmd, ...rest] = [...prefix, process.execPath, CLI, ...args];
  const child = spawn(cmd, rest, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let partial = '';
  let err = '';
  let closed = false;
  const waiters: (() => void)[] = [];
  child.stdout?.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const w of waiters.splice(0)) w();
  });
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => {
      closed = true;
      for (const w of waiters.splice(0)) w();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    lines,
    stderr: () => err,
    exited,
    waitLines(n, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${lines.length}/${n} lines in time; stderr: ${err}`)),
          timeoutMs,
        );
        const check = (): void => {
          if (lines.length >= n) {
            clearTimeout(timer);
            resolve(lines.slice(0, n));
          } else if (closed) {
            clearTimeout(timer);
            reject(new Error(`ended with ${lines.length}/${n} lines; stderr: ${err}`));
          } else waiters.push(check);
        };
        check();
      });
    },
  };
}
