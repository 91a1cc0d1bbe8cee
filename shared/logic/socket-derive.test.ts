import { describe, expect, it } from 'vitest';
import { rawSocket } from '../test-support/sockets';
import { diffSockets } from './diff';
import { SocketDiffer } from './socket-differ';

const metrics = (bytesSent: number, bytesReceived: number) => ({ rttMs: 1, retransmits: 0, bytesSent, bytesReceived });

describe('state ages and byte rates in the diff', () => {
  it('takes the kernel clock on first sight, and polling time (a lower bound) without one', () => {
    const d = diffSockets(
      new Map(),
      [rawSocket({ localPort: 1, kernelStateSince: 400 }), rawSocket({ localPort: 2 })],
      1000,
    );
    expect(d.added.map((s) => [s.stateSince, s.stateSinceSource])).toEqual([
      [400, 'kernel'],
      [1000, 'observed'],
    ]);
  });

  it('keeps the age while the state holds, and restarts it on a change', () => {
    const differ = new SocketDiffer();
    differ.next([rawSocket({ state: 'ESTABLISHED', metrics: metrics(0, 0) })], 1000);
    differ.next([rawSocket({ state: 'ESTABLISHED', metrics: metrics(10, 0) })], 2000);
    expect([...differ.table.values()][0]).toMatchObject({ stateSince: 1000, stateSinceSource: 'observed' });
    const c = differ.next([rawSocket({ state: 'CLOSE_WAIT', metrics: metrics(10, 0), kernelStateSince: 2500 })], 3000);
    expect(c.changed[0]).toMatchObject({ state: 'CLOSE_WAIT', stateSince: 2500, stateSinceSource: 'kernel' });
  });

  it('turns counter deltas into bytes per second and falls back to 0 when the socket goes quiet', () => {
    const differ = new SocketDiffer();
    differ.next([rawSocket({ metrics: metrics(1000, 0) })], 1000);
    const moving = differ.next([rawSocket({ metrics: metrics(5000, 2000) })], 1500);
    expect(moving.changed[0]).toMatchObject({ sentBytesPerSec: 8000, receivedBytesPerSec: 4000 });
    const row = rawSocket({ metrics: metrics(5000, 2000) });
    const quiet = differ.next([row], 2500);
    expect(quiet.changed[0]).toMatchObject({ sentBytesPerSec: 0, receivedBytesPerSec: 0 });
    expect(differ.next([row], 3500).changed).toEqual([]);
  });

  it('never gives a negative or absurd rate when a new connection reuses the tuple (cookie, inode or counters)', () => {
    for (const [before, after] of [
      [{ cookie: '11' }, { cookie: '12' }],
      [{ inode: 5 }, { inode: 6 }],
      [{}, {}],
    ] as const) {
      const differ = new SocketDiffer();
      differ.next([rawSocket({ ...before, metrics: metrics(9_000_000, 9_000_000) })], 1000);
      const d = differ.next([rawSocket({ ...after, metrics: metrics(100, 100) })], 2000);
      expect(d.removed).toHaveLength(1);
      expect(d.added[0]).toMatchObject({ firstSeen: 2000, sentBytesPerSec: null, receivedBytesPerSec: null });
    }
  });

  it('keeps the connection across ESTABLISHED -> TIME_WAIT, where the inode drops to 0 but the cookie stays', () => {
    const differ = new SocketDiffer();
    differ.next([rawSocket({ cookie: '7', inode: 9, metrics: metrics(10, 10) })], 1000);
    const d = differ.next([rawSocket({ cookie: '7', inode: 0, state: 'TIME_WAIT', pid: null, metrics: null })], 2000);
    expect(d.removed).toEqual([]);
    expect(d.changed[0]).toMatchObject({ state: 'TIME_WAIT', firstSeen: 1000 });
  });
});
