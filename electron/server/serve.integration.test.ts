// Browser mode end to end below the UI: the real `netinspect serve`, real sockets, the token and Origin checks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { openRpc } from '../test-support/ws-rpc';
import { connect, listen, portOf, startServe, waitFor } from '../test-support/net-fixtures';

describe('netinspect serve', () => {
  let child: ChildProcess;
  let url: URL;
  let lines: string[];
  let configDir: string;
  let wsUrl: string;
  const open: (net.Server | net.Socket | WebSocket)[] = [];

  beforeAll(async () => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-serve-'));
    ({ child, url, lines } = await startServe({ NETINSPECT_CONFIG_DIR: configDir }));
    wsUrl = `ws://${url.host}/ws?token=${url.searchParams.get('token')}`;
  });

  afterAll(() => {
    for (const o of open) {
      if ('terminate' in o) o.terminate();
      else if ('destroy' in o) o.destroy();
      else o.close();
    }
    child?.kill('SIGTERM');
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it('prints exactly one line: the 127.0.0.1 URL with a 32-byte token', async () => {
    await new Promise((r) => setTimeout(r, 300));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
  });

  it('serves the page only with the right token', async () => {
    const good = await fetch(url);
    expect(good.status).toBe(200);
    expect(good.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await good.text()).toContain('<div id="root">');
    const bad = await fetch(`http://${url.host}/?token=wrong`);
    expect(bad.status).toBe(403);
    const none = await fetch(`http://${url.host}/`);
    expect(none.status).toBe(403);
  });

  it('survives malformed URLs and alternative spellings of the page without a token', async () => {
    for (const bad of ['/%E0%A4%A', '/index.html%00', '/%00']) {
      expect((await fetch(`http://${url.host}${bad}`)).status, bad).toBe(400);
    }
    for (const page of ['/index.html/', '//index.html', '/%69ndex.html']) {
      expect((await fetch(`http://${url.host}${page}`)).status, page).toBe(403);
    }
    // Still serving.
    expect((await fetch(url)).status).toBe(200);
  });

  it('refuses WebSockets with a wrong token, a foreign Origin or a foreign Host', async () => {
    const refused = (u: string, headers: Record<string, string> = {}) =>
      new Promise<number>((resolve) => {
        const ws = new WebSocket(u, { headers });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('open', () => resolve(101));
        ws.on('error', () => resolve(-1));
      });
    expect(await refused(`ws://${url.host}/ws?token=wrong`)).toBe(403);
    expect(await refused(`ws://${url.host}/ws`)).toBe(403);
    expect(await refused(wsUrl, { Origin: 'http://evil.example' })).toBe(403);
    expect(await refused(wsUrl, { Host: 'evil.example' })).toBe(403);
  });

  it('answers the contract and pushes a delta when a connection opens', async () => {
    const listener = await listen();
    open.push(listener);
    const port = portOf(listener);
    const rpc = await openRpc(wsUrl, { Origin: `http://${url.host}` });
    open.push(rpc.ws);
    const snap = (await rpc.call('sockets:subscribe')) as {
      ok: true;
      value: { seq: number; sockets: { localPort: number; state: string; pid: number | null }[] };
    };
    expect(snap.ok).toBe(true);
    // In the table of the last refresh, or (opened after it: core refreshes from its start) in the next delta.
    type Row = { localPort: number; state: string; pid: number | null };
    const isMine = (s: Row) => s.localPort === port && s.state === 'LISTEN';
    const mine =
      snap.value.sockets.find(isMine) ??
      (await waitFor(() => {
        for (const e of rpc.events) {
          if (e.event !== 'sockets:delta') continue;
          const hit = (e.payload as { added: Row[] }).added.find(isMine);
          if (hit) return hit;
        }
        return undefined;
      }));
    expect(mine).toBeDefined();
    // Its owner is in the snapshot, or in a delta within the owner map's 2 s second pass (PASS2_MIN_INTERVAL_MS:
    // the listener's fd number may have held a file of this process at the previous scan).
    const owner =
      mine?.pid ??
      (await waitFor(() => {
        for (const e of rpc.events) {
          if (e.event !== 'sockets:delta') continue;
          const d = e.payload as { changed: { localPort: number; state: string; pid: number | null }[] };
          const hit = d.changed.find((s) => s.localPort === port && s.state === 'LISTEN' && s.pid !== null);
          if (hit) return hit.pid;
        }
        return undefined;
      }));
    expect(owner).toBe(process.pid);

    const client = await connect(port);
    open.push(client);
    const added = await waitFor(() => {
      for (const e of rpc.events) {
        if (e.event !== 'sockets:delta') continue;
        const d = e.payload as { added: { remotePort: number; localPort: number; state: string }[] };
        const hit = d.added.find((s) => s.remotePort === port && s.localPort === client.localPort);
        if (hit) return hit;
      }
      return undefined;
    });
    expect(added.state).toBe('ESTABLISHED');
    expect(rpc.events.some((e) => e.event === 'collector:status')).toBe(true);
  });

  it('returns stable error codes for unknown channels and invalid input, and persists settings', async () => {
    const rpc = await openRpc(wsUrl);
    open.push(rpc.ws);
    expect((await rpc.call('process:explode')).error?.code).toBe('UNKNOWN_CHANNEL');
    const bad = await rpc.call('settings:set', { refreshIntervalMs: 5 });
    expect(bad.error?.code).toBe('INVALID_INPUT');
    expect(bad.error?.message).toMatch(/refreshIntervalMs/);
    const good = await rpc.call('settings:set', { refreshIntervalMs: 500 });
    expect(good.ok).toBe(true);
    const stored = JSON.parse(fs.readFileSync(path.join(configDir, 'settings.json'), 'utf8')) as {
      refreshIntervalMs: number;
    };
    expect(stored.refreshIntervalMs).toBe(500);
    const status = (await rpc.call('collector:status')) as { value: { intervalMs: number; source: string } };
    expect(status.value.intervalMs).toBe(500);
  });

  it('closes a connection that sends malformed JSON, and keeps serving others', async () => {
    const rpc = await openRpc(wsUrl);
    const closed = new Promise<number>((r) => rpc.ws.once('close', (code) => r(code)));
    rpc.ws.send('{not json');
    expect(await closed).toBe(1008);
    const again = await openRpc(wsUrl);
    open.push(again.ws);
    expect((await again.call('settings:get')).ok).toBe(true);
  });
});
