// A core whose reverse-DNS lookups hang keeps refreshing at its interval: names are looked up off the hot path.
// The PTR lookup is injected through createCore's `hostNames` option (the boundary: no real DNS server may be asked
// from a test), and hangs for the whole test; new loopback connections keep queueing lookups meanwhile.
import fs from 'node:fs';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CollectorStatus } from '../../shared/model/snapshot';
import { connect, listen, portOf, waitFor } from '../test-support/net-fixtures';
import { createCore, type Core } from './app-core';
import type { Client } from './client';

const TICK_MS = 250;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-hang-'));
const hostsFile = path.join(dir, 'hosts');
fs.writeFileSync(hostsFile, '');

let core: Core;
const asked: string[] = [];
const taken: number[] = [];
const client: Client = {
  id: 'hang-test',
  send: (event, payload) => {
    const at = event === 'collector:status' ? (payload as CollectorStatus).lastTakenAt : null;
    if (at !== null && at !== taken.at(-1)) taken.push(at);
  },
};
const open: (net.Server | net.Socket)[] = [];

beforeAll(async () => {
  core = createCore({
    configDir: null,
    host: 'cli',
    collector: 'in-process',
    settings: { refreshIntervalMs: TICK_MS, resolveAddresses: true, resolvePrivateAddresses: true },
    hostNames: {
      hostsFile,
      timeoutMs: 60_000,
      concurrency: 2,
      reverse: (address) => {
        asked.push(address);
        return new Promise<string[]>(() => {});
      },
    },
    version: 'test',
    locale: 'en',
  });
  const r = await core.handle('sockets:subscribe', {}, client);
  if (!r.ok) throw new Error(r.error.message);
});
afterAll(() => {
  for (const o of open) {
    if ('destroy' in o) o.destroy();
    else o.close();
  }
  core.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe.runIf(process.platform === 'linux')('reverse DNS that hangs', () => {
  it('never holds up a refresh, and hosts:resolve answers at once with what is known', async () => {
    // Connections to addresses of their own in 127/8 are new remote addresses: each queues a lookup.
    for (let i = 0; i < 6; i++) {
      const host = `127.0.91.${i + 1}`;
      const server = await listen(host);
      open.push(server, await connect(portOf(server), host));
    }
    // Both lookups allowed in flight have started, and hang.
    await waitFor(() => (asked.length >= 2 ? true : undefined));
    const hungSince = taken.length;
    // Refreshes go on meanwhile (every 250 ms): at least 8 more, and they see sockets opened after the hang began.
    const late = await listen('127.0.91.7');
    open.push(late, await connect(portOf(late), '127.0.91.7'));
    await waitFor(() => (taken.length >= hungSince + 8 ? true : undefined), 15_000);
    const snap = await core.call('sockets:snapshot', {});
    expect(snap.sockets.some((s) => s.remoteAddress === '127.0.91.7' && s.remotePort === portOf(late))).toBe(true);
    const answer = await core.call('hosts:resolve', { addresses: ['127.0.91.1', '127.0.91.7'], waitMs: 0 });
    expect(answer.names).toEqual([]);
    // Never more lookups in flight than allowed, none answered: the rest wait in the queue, not in the refresh.
    expect(asked).toHaveLength(2);
  });
});
