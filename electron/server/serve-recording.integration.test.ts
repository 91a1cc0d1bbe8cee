// `serve --db` shows a recording another process is writing, live: its range grows and the newest tick has the
// rows the recorder just saw. `serve --open` shows a copied recording read-only, its host named, the file untouched;
// and plain `serve` records into its config dir, its status reaching every page.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import type { ChildProcess } from 'node:child_process';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../core/timeline/test-support/temp-files';
import { openRpc, type Rpc } from '../test-support/ws-rpc';
import { listen, portOf, runCli, startServe, waitFor } from '../test-support/net-fixtures';
import { startRecorder, stopRecorders, waitForTick } from '../test-support/recorder-process';

const dirs: string[] = [];
const children: ChildProcess[] = [];
const open: (net.Server | Rpc)[] = [];
const temp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'netinspect-serve-rec-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const o of open) {
    if ('ws' in o) o.ws.terminate();
    else o.close();
  }
  for (const c of children) c.kill('SIGTERM');
  stopRecorders();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function serve(args: string[]): Promise<Rpc> {
  const { child, url } = await startServe({ NETINSPECT_CONFIG_DIR: temp() }, args);
  children.push(child);
  const rpc = await openRpc(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`);
  open.push(rpc);
  return rpc;
}

interface Status {
  source: string;
  host: string | null;
  readOnly: boolean;
  recording: boolean;
  range: { from: number; to: number } | null;
}
interface Past {
  tickAt: number;
  host: string;
  sockets: { state: string; localPort: number; pid: number | null }[];
}

describe('serve with a recording', () => {
  it('--db follows a recording another process writes: new ticks and their rows arrive live', async () => {
    const file = path.join(temp(), 'live.sqlite');
    const rec = startRecorder(file, ['--interval', '500ms']);
    await waitForTick(file, rec.startedAt);
    const rpc = await serve(['--db', file]);
    const first = (await rpc.call('timeline:status')).value as Status;
    expect(first).toMatchObject({ source: 'follow', readOnly: true, host: os.hostname() });
    // A listener opened now is recorded by the other process and shows in the newest tick served here.
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    const opened = Date.now();
    const past = await waitFor(async () => {
      const st = (await rpc.call('timeline:status')).value as Status;
      if (!st.range || st.range.to < opened) return undefined;
      const at = (await rpc.call('timeline:at', { at: st.range.to })).value as Past;
      // Its owner: a socket on an fd number this process used for a file before is placed by the owner map's
      // second pass, at most PASS2_MIN_INTERVAL_MS (2 s) later, so the first tick with it may not name it yet.
      return at.sockets.some((s) => s.state === 'LISTEN' && s.localPort === port && s.pid !== null) ? at : undefined;
    }, 20_000);
    // The listener (a TIME_WAIT left by an earlier listener on the same port number has no owner).
    expect(past.sockets.find((s) => s.state === 'LISTEN' && s.localPort === port)?.pid).toBe(process.pid);
    // The range grew past what it was when serve started: the page follows the file.
    expect(past.tickAt).toBeGreaterThan(first.range?.to ?? Infinity);
    expect(rpc.events.some((e) => e.event === 'timeline:status')).toBe(false);
    await rpc.call('events:subscribe', { events: ['timeline:status'] });
    await waitFor(() => (rpc.events.some((e) => e.event === 'timeline:status') ? true : undefined), 10_000);
    rec.child.kill('SIGTERM');
    await rec.exited;
  }, 90_000);

  it('--open shows a copied recording read-only, naming its host, and leaves the file as it was', async () => {
    const source = path.join(temp(), 'src.sqlite');
    const rec = startRecorder(source, ['--interval', '500ms']);
    await waitForTick(source, rec.startedAt + 1500);
    rec.child.kill('SIGTERM');
    await rec.exited;
    const dir = temp();
    const file = path.join(dir, 'copied.sqlite');
    copyFileSync(source, file);
    const before = fingerprint(dir);
    const rpc = await serve(['--open', file]);
    const st = (await rpc.call('timeline:status')).value as Status;
    expect(st).toMatchObject({ source: 'opened', readOnly: true, recording: false, host: os.hostname() });
    const at = (await rpc.call('timeline:at', { at: st.range?.to ?? 0 })).value as Past;
    expect(at.sockets.length).toBeGreaterThan(0);
    expect(fingerprint(dir)).toEqual(before);
    // A file that is not a recording is refused before anything is served.
    const bad = await runCli(['serve', '--open', path.join(dir, 'missing.sqlite')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('There is no recording at');
    expect(bad.stdout).toBe('');
  }, 90_000);

  it('plain serve records into its config dir and says so', async () => {
    const rpc = await serve([]);
    const st = await waitFor(async () => {
      const s = (await rpc.call('timeline:status')).value as Status & { file: string };
      return s.recording && s.range ? s : undefined;
    }, 20_000);
    expect(st).toMatchObject({ source: 'recorder', readOnly: false });
    expect(path.basename(st.file)).toBe('timeline.sqlite');
  }, 60_000);
});
