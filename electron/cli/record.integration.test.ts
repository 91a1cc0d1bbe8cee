// `netinspect record` for 30 s while a listener (a child process) lives from t=5 s to t=15 s, then kill -9: the
// file opens, nothing it had committed is lost, and `list --at` shows the listener with its owner at t=10 s only.
// Another process reads the file all along (WAL), and a clean stop (SIGTERM) leaves a cleanly closed recording.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnHolder, stopAll } from '../test-support/child-fixtures';
import { runCli } from '../test-support/net-fixtures';
import { recordingInfo, startRecorder, stopRecorders, waitForTick } from '../test-support/recorder-process';

const dirs: string[] = [];
const tempFile = (name: string) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netinspect-record-test-'));
  dirs.push(dir);
  return path.join(dir, name);
};
afterAll(() => {
  stopRecorders();
  stopAll();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const until = (t: number) => new Promise((r) => setTimeout(r, Math.max(0, t - Date.now())));
const iso = (ms: number) => new Date(ms).toISOString();

interface ListedSocket {
  readonly state: string;
  readonly localPort: number;
  readonly pid: number | null;
  readonly process: string | null;
}
const listAt = async (file: string, at: number, port: number) => {
  const r = await runCli(['list', '--at', iso(at), '--db', file, '--json', '--port', String(port)]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as { takenAt: number; host: string; sockets: ListedSocket[] };
};

describe('netinspect record', () => {
  it('keeps a listener that lived from t=5s to t=15s, with its owner, through kill -9 at t=30s', async () => {
    const file = tempFile('timeline.sqlite');
    const rec = startRecorder(file, ['--interval', '1s']);
    const t0 = rec.startedAt;
    await until(t0 + 5000);
    const holder = await spawnHolder();
    const opened = Date.now();
    await until(t0 + 15_000);
    holder.child.kill('SIGKILL');
    await holder.exited;
    const closed = Date.now();

    // A second process reads the recording while the recorder writes it (WAL): the listener is there already.
    const during = await listAt(file, t0 + 10_000, holder.port);
    expect(during.sockets.some((s) => s.state === 'LISTEN' && s.pid === holder.pid)).toBe(true);

    await until(t0 + 30_000);
    const before = await recordingInfo(file);
    expect(before?.writer).toMatchObject({ pid: rec.child.pid, clean: false });
    rec.child.kill('SIGKILL');
    expect((await rec.exited).signal).toBe('SIGKILL');
    const killedAt = Date.now();

    // The file opens after kill -9, every tick another process saw committed is still there, and what is lost is
    // at most the tick being written: the last one is within one tick (1 s) plus one refresh of the kill.
    const after = await recordingInfo(file);
    expect(after?.range?.to).toBeGreaterThanOrEqual(before?.range?.to ?? Infinity);
    expect(killedAt - (after?.range?.to ?? 0)).toBeLessThan(6000);
    expect(after?.writer).toMatchObject({ pid: rec.child.pid, clean: false });

    const at10 = await listAt(file, t0 + 10_000, holder.port);
    // The tick shown is the last one at or before t=10 s, taken while the listener was up.
    expect(at10.takenAt).toBeLessThanOrEqual(t0 + 10_000);
    expect(at10.takenAt).toBeGreaterThan(opened);
    expect(at10.host).toBe(os.hostname());
    const listener = at10.sockets.find((s) => s.state === 'LISTEN' && s.localPort === holder.port);
    expect(listener).toMatchObject({ pid: holder.pid, process: 'node' });

    const at20 = await listAt(file, t0 + 20_000, holder.port);
    expect(at20.takenAt).toBeGreaterThan(closed);
    expect(at20.sockets.filter((s) => s.localPort === holder.port)).toEqual([]);

    // The text form says which tick of which host it shows.
    const text = await runCli(['list', '--at', iso(t0 + 10_000), '--db', file, '--port', String(holder.port)]);
    expect(text.stdout).toMatch(new RegExp(`127\\.0\\.0\\.1:${holder.port}\\s.*LISTEN\\s+${holder.pid}/node`));
    expect(text.stderr).toContain(`on ${os.hostname()}`);

    // A new recorder takes over the file a killed one left behind and keeps what it had.
    const next = startRecorder(file, ['--interval', '1s']);
    await waitForTick(file, killedAt + 1);
    next.child.kill('SIGTERM');
    expect((await next.exited).code).toBe(0);
    expect(next.stderr()).toMatch(/Stopped: \d+ ticks written/);
    const closedCleanly = await recordingInfo(file);
    expect(closedCleanly?.writer).toMatchObject({ pid: next.child.pid, clean: true });
    expect(closedCleanly?.range?.from).toBe(after?.range?.from);
  }, 120_000);
});
