import { describe, expect, it } from 'vitest';
import { applyDelta, diffSockets } from './diff';
import type { RawSocket, Socket } from '../model/socket';

const raw = (over: Partial<RawSocket> = {}): RawSocket => ({
  proto: 'tcp',
  family: 4,
  localAddress: '127.0.0.1',
  localPort: 5000,
  remoteAddress: '127.0.0.1',
  remotePort: 40000,
  state: 'ESTABLISHED',
  pid: 10,
  process: 'node',
  user: 'root',
  uid: 0,
  inode: 123,
  recvQueue: 0,
  sendQueue: 0,
  metrics: { rttMs: 0.1, retransmits: 0, bytesSent: 1, bytesReceived: 2 },
  ...over,
});

describe('diffSockets', () => {
  it('reports new sockets as added with firstSeen and stateSince at now', () => {
    const d = diffSockets(new Map(), [raw()], 1000);
    expect(d.added).toHaveLength(1);
    expect(d.added[0]).toMatchObject({ firstSeen: 1000, stateSince: 1000 });
    expect(d.removed).toEqual([]);
    expect(d.changed).toEqual([]);
  });

  it('keeps an unchanged socket identical and reports nothing', () => {
    const first = diffSockets(new Map(), [raw()], 1000);
    const second = diffSockets(first.table, [raw()], 2000);
    expect(second.added).toEqual([]);
    expect(second.changed).toEqual([]);
    expect(second.removed).toEqual([]);
    expect([...second.table.values()][0]).toBe([...first.table.values()][0]);
  });

  it('treats ESTABLISHED -> TIME_WAIT (inode dropping to 0, pid lost) as a change of one socket', () => {
    const first = diffSockets(new Map(), [raw()], 1000);
    const second = diffSockets(first.table, [raw({ state: 'TIME_WAIT', inode: 0, pid: null, process: null })], 3000);
    expect(second.added).toEqual([]);
    expect(second.changed).toHaveLength(1);
    expect(second.changed[0]).toMatchObject({ state: 'TIME_WAIT', firstSeen: 1000, stateSince: 3000 });
  });

  it('keeps stateSince when only metrics change', () => {
    const first = diffSockets(new Map(), [raw()], 1000);
    const m = { rttMs: 0.2, retransmits: 0, bytesSent: 5, bytesReceived: 2 };
    const second = diffSockets(first.table, [raw({ metrics: m })], 2000);
    expect(second.changed[0]).toMatchObject({ stateSince: 1000, metrics: m });
  });

  it('reports vanished sockets as removed keys', () => {
    const first = diffSockets(new Map(), [raw(), raw({ remotePort: 40001 })], 1000);
    const second = diffSockets(first.table, [raw()], 2000);
    expect(second.removed).toEqual(['tcp4 127.0.0.1:5000 127.0.0.1:40001']);
  });

  it('keeps SO_REUSEPORT listeners apart by inode and never drops a duplicate key', () => {
    const a = raw({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0, inode: 1 });
    const b = raw({ state: 'LISTEN', remoteAddress: '0.0.0.0', remotePort: 0, inode: 2 });
    const d = diffSockets(new Map(), [a, b, a], 1000);
    expect(new Set(d.table.keys()).size).toBe(3);
    expect(d.added).toHaveLength(3);
  });

  it('applyDelta turns the previous table into the next', () => {
    const first = diffSockets(new Map(), [raw(), raw({ remotePort: 40001 })], 1000);
    const second = diffSockets(first.table, [raw({ state: 'CLOSE_WAIT' }), raw({ remotePort: 40002 })], 2000);
    const copy = new Map<string, Socket>(first.table);
    applyDelta(copy, second);
    expect([...copy.entries()].sort()).toEqual([...second.table.entries()].sort());
  });
});
