// TrafficTracker: bytes credited once each, to the right owner, whatever order the kernel's destroy events and the
// refreshes arrive in, and on a tuple reused by a new connection.
import { describe, expect, it } from 'vitest';
import type { Socket } from '../../model/socket';
import { sock } from '../../test-support/sockets';
import { TrafficTracker, type ClosedBytes } from './traffic-tracker';

const KEY = 'tcp4 127.0.0.1:40000 127.0.0.1:8080';

function conn(sent: number, received: number, over: Partial<Socket> = {}): Socket {
  return sock({
    key: KEY,
    cookie: 'A',
    metrics: { rttMs: 1, retransmits: 0, bytesSent: sent, bytesReceived: received },
    ...over,
  });
}

function closed(sent: number, received: number, over: Partial<ClosedBytes> = {}): ClosedBytes {
  return {
    key: KEY,
    cookie: 'A',
    pid: null,
    remoteAddress: '127.0.0.1',
    bytesSent: sent,
    bytesReceived: received,
    ...over,
  };
}

const none = { added: [], removed: [], changed: [] };

describe('TrafficTracker', () => {
  it('counts from the first refresh on for connections already open, and whole for later ones', () => {
    const t = new TrafficTracker();
    t.apply({ ...none, added: [conn(1000, 50)] }, 0);
    expect(t.total(100)).toEqual({ sent: 0, received: 0 });
    const tick = t.apply({ ...none, changed: [conn(1600, 80)] }, 1000);
    expect(tick.intervalMs).toBe(1000);
    expect(tick.byOwner.get(100)).toEqual({ sent: 600, received: 30 });
    t.apply({ ...none, added: [conn(300, 7, { key: 'other', cookie: 'B', pid: 7 })] }, 2000);
    expect(t.total(7)).toEqual({ sent: 300, received: 7 });
  });

  it('credits the final counters once when the destroy event arrives a refresh after the socket left the table', () => {
    const t = new TrafficTracker();
    t.apply(none, 0);
    t.apply({ ...none, added: [conn(1000, 0)] }, 1000);
    t.apply({ ...none, removed: [KEY] }, 2000);
    t.apply(none, 3000, [closed(1500, 0)]);
    expect(t.total(100)).toEqual({ sent: 1500, received: 0 });
    expect(t.total('unknown')).toEqual({ sent: 0, received: 0 });
  });

  it('keeps a reused tuple apart: the old connection ends on its own counters, the new one counts from zero', () => {
    const t = new TrafficTracker();
    t.apply(none, 0);
    t.apply({ ...none, added: [conn(2_000_000, 0)] }, 1000);
    // Between two refreshes A was reset and B connected from the same port: the diff removes and re-adds the key.
    t.apply({ removed: [KEY], added: [conn(1000, 0, { cookie: 'B' })], changed: [] }, 2000);
    // A's destroy event comes a refresh late, on B's tuple: it must not be read as B's.
    t.apply({ ...none, changed: [conn(1500, 0, { cookie: 'B' })] }, 3000, [closed(2_000_100, 0)]);
    expect(t.total(100)).toEqual({ sent: 2_000_100 + 1500, received: 0 });
    t.apply(none, 4000, [closed(1500, 0, { cookie: 'B' })]);
    expect(t.total(100)).toEqual({ sent: 2_000_100 + 1500, received: 0 });
  });

  it('keeps crediting an orphaned socket (its process exited) to its last owner', () => {
    const t = new TrafficTracker();
    t.apply(none, 0);
    t.apply({ ...none, added: [conn(100, 0)] }, 1000);
    t.apply({ ...none, changed: [conn(400, 0, { pid: null, process: null, owners: [] })] }, 2000);
    t.apply({ ...none, removed: [KEY] }, 3000, [closed(500, 0)]);
    expect(t.total(100)).toEqual({ sent: 500, received: 0 });
    expect(t.total('unknown')).toEqual({ sent: 0, received: 0 });
  });

  it('counts a connection that opened and closed between two refreshes by its final counters', () => {
    const t = new TrafficTracker();
    t.apply(none, 0);
    t.apply(none, 1000, [closed(42, 9, { pid: 5, cookie: 'C' })]);
    expect(t.total(5)).toEqual({ sent: 42, received: 9 });
    expect(t.remotes().get('127.0.0.1')).toEqual({ sent: 42, received: 9 });
  });

  it('adds nothing for a TIME_WAIT version of a closed connection', () => {
    const t = new TrafficTracker();
    t.apply(none, 0);
    t.apply({ ...none, added: [conn(100, 10)] }, 1000);
    t.apply({ ...none, changed: [conn(0, 0, { state: 'TIME_WAIT', pid: null, metrics: null })] }, 2000, [
      closed(120, 10),
    ]);
    t.apply({ ...none, removed: [KEY] }, 3000);
    expect(t.total(100)).toEqual({ sent: 120, received: 10 });
  });
});
