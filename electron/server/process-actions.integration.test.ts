// The process channels end to end: `netinspect serve` + a WebSocket client, a child with a listener, details, kill.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnHolder, stopAll } from '../test-support/child-fixtures';
import { startServe, waitFor } from '../test-support/net-fixtures';
import { openRpc, type Rpc } from '../test-support/ws-rpc';

interface Row {
  key: string;
  localPort: number;
  state: string;
  pid: number | null;
}

describe.runIf(process.platform === 'linux')('process channels over netinspect serve', () => {
  let child: ChildProcess;
  let configDir: string;
  let rpc: Rpc;

  beforeAll(async () => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-actions-'));
    const serve = await startServe({ NETINSPECT_CONFIG_DIR: configDir });
    child = serve.child;
    const url = serve.url;
    rpc = await openRpc(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`, {
      Origin: `http://${url.host}`,
    });
  });

  afterAll(() => {
    stopAll();
    rpc?.ws.terminate();
    child?.kill('SIGTERM');
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it("process:details lists the child's listener; process:kill ends it and a delta removes its rows", async () => {
    const h = await spawnHolder();
    expect((await rpc.call('sockets:subscribe')).ok).toBe(true);
    // The table picks the child up within a tick or two.
    const listener = await waitFor(async () => {
      const r = await rpc.call('sockets:snapshot');
      const rows = (r.value as { sockets: Row[] }).sockets;
      return rows.find((s) => s.localPort === h.port && s.state === 'LISTEN' && s.pid === h.pid);
    });

    const details = await rpc.call('process:details', { pid: h.pid });
    expect(details.ok).toBe(true);
    const d = details.value as { pid: number; exe: string; own: boolean; refusal: string | null; sockets: Row[] };
    expect(d).toMatchObject({ pid: h.pid, exe: process.execPath, own: false, refusal: null });
    expect(d.sockets.map((s) => s.key)).toContain(listener.key);

    const killed = await rpc.call('process:kill', { pid: h.pid, force: false });
    expect(killed).toMatchObject({ ok: true, value: { pid: h.pid, outcome: 'terminated', viaHelper: false } });
    expect((await h.exited).signal).toBe('SIGTERM');
    const removed = await waitFor(() =>
      rpc.events.some(
        (e) => e.event === 'sockets:delta' && (e.payload as { removed: string[] }).removed.includes(listener.key),
      )
        ? true
        : undefined,
    );
    expect(removed).toBe(true);

    // The same pid again: it already exited.
    const again = await rpc.call('process:kill', { pid: h.pid, force: false });
    expect(again.error).toMatchObject({ code: 'ESRCH', key: 'actions.gone' });
  });

  it('refuses pid 1 and serve itself with REFUSED and a reason; rejects a pid that is not a number', async () => {
    expect((await rpc.call('process:kill', { pid: 1, force: true })).error).toMatchObject({
      code: 'REFUSED',
      key: 'actions.refusedReserved',
    });
    const self = await rpc.call('process:kill', { pid: child.pid, force: true });
    expect(self.error).toMatchObject({ code: 'REFUSED', key: 'actions.refusedOwn' });
    expect(child.exitCode).toBeNull();
    expect((await rpc.call('process:kill', { pid: '1; rm -rf /' })).error?.code).toBe('INVALID_INPUT');
  });
});
