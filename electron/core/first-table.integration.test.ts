// A front end subscribing before core's first refresh, on a real collector and real loopback sockets: its table
// is that refresh's, so the refresh's delta (the whole table again) is not sent to it, and later deltas are.
import { afterAll, describe, expect, it } from 'vitest';
import type { Snapshot, SocketDelta } from '../../shared/model/snapshot';
import { closeAll, listen, portOf, waitFor, type Opened } from '../test-support/net-fixtures';
import { createCore } from './app-core';
import type { Client } from './client';

const linux = process.platform === 'linux';
if (!linux) console.warn('first table test skipped: it reads the table through sock_diag (Linux)');
const open: Opened = [];
afterAll(() => closeAll(open));

describe.runIf(linux)('a first table', () => {
  it('comes without the delta of the refresh it was taken from, and later deltas follow it', async () => {
    const core = createCore({
      configDir: null,
      host: 'cli',
      collector: 'in-process',
      settings: { refreshIntervalMs: 250 },
      version: 'test',
      locale: 'en',
    });
    try {
      const before = await listen();
      open.push(before);
      const deltas: SocketDelta[] = [];
      const client: Client = {
        id: 'first-table-test',
        send: (event, payload) => {
          if (event === 'sockets:delta') deltas.push(payload as SocketDelta);
        },
      };
      const r = await core.handle('sockets:subscribe', {}, client);
      if (!r.ok) throw new Error(r.error.message);
      const snap = r.value as Snapshot;
      expect(snap.sockets.some((s) => s.localPort === portOf(before) && s.state === 'LISTEN')).toBe(true);
      // The first refresh added every socket: a delta the table already holds.
      expect(deltas.filter((d) => d.seq <= snap.seq)).toEqual([]);
      const after = await listen();
      open.push(after);
      const added = await waitFor(() =>
        deltas.find((d) => d.added.some((s) => s.localPort === portOf(after) && s.state === 'LISTEN')),
      );
      expect(added.seq).toBeGreaterThan(snap.seq);
      // Nothing between the table and that delta was lost: seqs follow on from the table's.
      expect(deltas.map((d) => d.seq)).toEqual(deltas.map((_, i) => snap.seq + 1 + i));
    } finally {
      core.dispose();
    }
  });
});
