// `netinspect list` answered by a running `netinspect serve` of the same user, against real sockets; --cold and
// another user's run take their own snapshot. TMPDIR is private to this test, so no other serve can answer.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLI,
  connect,
  listen,
  portOf,
  runCli,
  runCliIntoFullDisk,
  startServe,
  waitFor,
} from '../test-support/net-fixtures';

interface Listed {
  table: { kind: string; host?: string; pid?: number };
  sockets: { localPort: number; remotePort: number; state: string; pid: number | null }[];
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-warm-'));
const env = { TMPDIR: tmp, XDG_RUNTIME_DIR: '', NETINSPECT_CONFIG_DIR: path.join(tmp, 'config') };
const open: (net.Server | net.Socket)[] = [];
let serve: ChildProcess | null = null;

beforeAll(async () => {
  serve = (await startServe(env)).child;
});
afterAll(() => {
  serve?.kill('SIGTERM');
  open.forEach((o) => ('destroy' in o ? o.destroy() : o.close()));
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('list from a running netinspect', () => {
  it('answers from serve’s live table, refreshed for the request: a connection opened just before is in it', async () => {
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    open.push(await connect(port));
    const warm = await runCli(['list', '--json', '--port', String(port)], { env });
    expect(warm.code).toBe(0);
    const out = JSON.parse(warm.stdout) as Listed;
    expect(out.table).toMatchObject({ kind: 'warm', host: 'browser', pid: serve?.pid });
    expect(out.sockets.filter((s) => s.state === 'ESTABLISHED')).toHaveLength(2);
    // The listener's owner: in this answer, or in one within the owner map's 2 s second pass
    // (PASS2_MIN_INTERVAL_MS), when the listener's fd number held a file of this process at the previous scan.
    let listed = out;
    const owner = await waitFor(async () => {
      const pid = listed.sockets.find((s) => s.state === 'LISTEN')?.pid;
      if (pid !== null && pid !== undefined) return pid;
      listed = JSON.parse((await runCli(['list', '--json', '--port', String(port)], { env })).stdout) as Listed;
      return undefined;
    });
    expect(owner).toBe(process.pid);
    const text = await runCli(['list', '--port', String(port)], { env });
    expect(text.stdout).toMatch(/From the live table of the netinspect already running \(netinspect serve, pid \d+\)/);
  });

  it('leaves a bad flag to the command, which says why, and ends quietly when the reader stops reading', async () => {
    const bad = await runCli(['list', '--port', 'abc'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid port "abc"/);
    expect(bad.stdout).toBe('');
    // `| head -c 100`: the reader closes the pipe after 100 bytes of a warm answer; no stack trace, exit 0.
    const child = spawn(process.execPath, [CLI, 'list', '--json'], { env: { ...process.env, ...env } });
    let got = 0;
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      got += d.length;
      if (got >= 100) child.stdout.destroy();
    });
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // A warm answer that cannot be written (a full disk): one translated line and exit 1, no stack trace.
    const full = await runCliIntoFullDisk(['list', '--json'], { ...env, LANG: 'zh_CN.UTF-8' });
    if (full) {
      expect(full.code).toBe(1);
      expect(full.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^netinspect：输出无法写入（ENOSPC/)]);
    }
  });

  it('takes its own snapshot with --cold, and as another user', async () => {
    const server = await listen();
    open.push(server);
    const port = String(portOf(server));
    const cold = JSON.parse((await runCli(['list', '--json', '--cold', '--port', port], { env })).stdout) as Listed;
    expect(cold.table).toEqual({ kind: 'snapshot' });
    // Only our listener listens there (a TIME_WAIT of an earlier test may share the port number as its peer's).
    expect(cold.sockets.filter((s) => s.state === 'LISTEN').map((s) => s.pid)).toEqual([process.pid]);
    if (process.getuid?.() !== 0) return;
    const nobody = await runCli(['list', '--json', '--port', port], {
      env,
      wrap: ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', '--'],
    });
    expect((JSON.parse(nobody.stdout) as Listed).table).toEqual({ kind: 'snapshot' });
  });
});
