// `netinspect record` as a real child process for integration tests: started, waited on until its first tick, and
// stopped (gracefully or with SIGKILL); only the children this module started are ever signalled.
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, runCli, waitFor } from './net-fixtures';

/** A running recorder and what it printed on stderr. */
export interface Recorder {
  readonly child: ChildProcess;
  readonly file: string;
  /** When it was started (ms since epoch). */
  readonly startedAt: number;
  readonly stderr: () => string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];

/** Starts `netinspect record --db file ...args`. */
export function startRecorder(file: string, args: readonly string[] = []): Recorder {
  const child = spawn(process.execPath, [CLI, 'record', '--db', file, ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, file, startedAt: Date.now(), stderr: () => stderr, exited };
}

/** What `record --info --json` says of a recording. */
export interface RecordingInfoJson {
  readonly range: { readonly from: number; readonly to: number } | null;
  readonly host: string;
  readonly sizeBytes: number;
  readonly rows: { readonly ticks: number; readonly keyframes: number; readonly closed: number };
  readonly writer: { readonly pid: number; readonly clean: boolean } | null;
}

/** `record --info --json` of `file`, read by another process; null while it cannot be read yet. */
export async function recordingInfo(file: string): Promise<RecordingInfoJson | null> {
  const r = await runCli(['record', '--info', '--json', '--db', file]);
  return r.code === 0 ? (JSON.parse(r.stdout) as RecordingInfoJson) : null;
}

/** Waits until the recording at `file` holds a tick at or after `t` (ms since epoch). */
export function waitForTick(file: string, t: number, timeoutMs = 30_000): Promise<RecordingInfoJson> {
  return waitFor(async () => {
    const info = await recordingInfo(file);
    return info?.range && info.range.to >= t ? info : undefined;
  }, timeoutMs);
}

/** SIGKILLs every recorder still running that this module started. */
export function stopRecorders(): void {
  for (const c of started.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
}
