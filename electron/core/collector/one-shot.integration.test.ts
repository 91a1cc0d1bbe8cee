// One snapshot with nothing kept (a cold `list`), against real loopback sockets and against a whole core's answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model/errors';
import type { Socket } from '../../../shared/model/socket';
import { closeAll, connectedPair, type Opened } from '../../test-support/net-fixtures';
import { createCore } from '../app-core';
import { createPlatform } from '../platform/index';
import type { Platform } from '../platform/platform';
import { tableOnce } from './one-shot';

const open: Opened = [];
let port = 0;
let clientPort = 0;
beforeAll(async () => {
  const pair = await connectedPair(open);
  port = pair.port;
  clientPort = pair.client.localPort ?? 0;
});
afterAll(() => closeAll(open));

/**
 * This test's listener and both ends of its connection, by key, without what two snapshots taken apart may differ
 * in. By their tuples: other tests' sockets may have used the same port number before (TIME_WAIT).
 */
function ours(sockets: readonly Socket[]): Map<string, Partial<Socket>> {
  const out = new Map<string, Partial<Socket>>();
  for (const s of sockets) {
    const listener = s.localPort === port && s.state === 'LISTEN';
    const connection =
      (s.localPort === port && s.remotePort === clientPort) || (s.localPort === clientPort && s.remotePort === port);
    if (!listener && !(connection && s.state === 'ESTABLISHED')) continue;
    const { key, state, pid, process, inode, cookie, owners, stateSinceSource, sentBytesPerSec } = s;
    out.set(key, { state, pid, process, inode, cookie, owners, stateSinceSource, sentBytesPerSec });
  }
  return out;
}

describe('tableOnce', () => {
  it('answers what a fresh core answers for the same sockets: states, owners, keys, first seen now', async () => {
    const before = Date.now();
    const t = tableOnce();
    const once = { ...t.snap, sockets: t.sockets.slice() };
    expect(once.takenAt).toBeGreaterThanOrEqual(before);
    const mine = ours(once.sockets);
    // The listener and both ends of the connection, each owned by this process.
    expect([...mine.values()].map((s) => s.state).sort()).toEqual(['ESTABLISHED', 'ESTABLISHED', 'LISTEN']);
    for (const s of mine.values()) expect(s.pid).toBe(process.pid);
    for (const s of once.sockets) expect(s.firstSeen).toBe(once.takenAt);
    expect(once.processes.some((p) => p.pid === process.pid)).toBe(true);
    const core = createCore({ configDir: null, host: 'cli', collector: 'in-process', version: 'test', locale: 'en' });
    try {
      const snap = await core.call('sockets:snapshot', {});
      expect(ours(snap.sockets)).toEqual(mine);
      expect(once.source).toBe(snap.source);
    } finally {
      core.dispose();
    }
  });

  it('keeps only the sockets asked for, keyed and aged as in the whole table', () => {
    const t = tableOnce((s) => s.localPort === port || s.remotePort === port);
    const kept = t.sockets.slice();
    expect(kept.length).toBe(t.sockets.length);
    expect(kept.every((s) => s.localPort === port || s.remotePort === port)).toBe(true);
    const mine = ours(kept);
    expect([...mine.values()].map((s) => s.state).sort()).toEqual(['ESTABLISHED', 'ESTABLISHED', 'LISTEN']);
    for (const s of kept) expect(s.firstSeen).toBe(t.snap.takenAt);
    // Each slice is made when asked for: two asks give equal sockets, not the same objects.
    expect(t.sockets.slice(0, 1)).toEqual(kept.slice(0, 1));
    expect(t.sockets.slice(0, 1)[0]).not.toBe(kept[0]);
  });

  it("reports a collector's failure as COLLECTOR_FAILED with its reason, and closes the collector", () => {
    let closed = 0;
    const failing = (error: unknown): Platform => ({
      ...createPlatform(),
      createSocketCollector: () => ({
        platform: 'linux',
        snapshot: () => {
          throw error;
        },
        close: () => void closed++,
      }),
    });
    expect(() => tableOnce(undefined, failing(new Error('sock_diag went away')))).toThrow(
      expect.objectContaining({ code: 'COLLECTOR_FAILED', message: expect.stringContaining('sock_diag went away') }),
    );
    // A refusal core already describes passes as it is.
    const refused = new AppError('NEEDS_ELEVATION', 'Run it as root.');
    expect(() => tableOnce(undefined, failing(refused))).toThrow(refused);
    expect(closed).toBe(2);
  });
});
