// Routing pushed events: holding one event for a front end while its first table is taken, then sending only what
// the table does not already hold.
import { describe, expect, it } from 'vitest';
import type { SocketDelta } from '../../shared/model/snapshot';
import type { Client } from './client';
import { EventRouter } from './event-router';

const delta = (seq: number): SocketDelta => ({ seq, takenAt: seq, added: [], removed: [], changed: [], processes: [] });

function recorder(id: string, fail = false): Client & { got: [string, number][] } {
  const got: [string, number][] = [];
  return {
    id,
    got,
    send: (event, payload) => {
      if (fail) throw new Error('gone');
      got.push([event, (payload as SocketDelta).seq]);
    },
  };
}

describe('event router', () => {
  it('holds an event for one front end, then sends in order only what `keep` accepts', () => {
    const router = new EventRouter();
    const a = recorder('a');
    const b = recorder('b');
    router.subscribe(a, ['sockets:delta']);
    router.subscribe(b, ['sockets:delta']);
    router.hold(a, 'sockets:delta');
    for (const seq of [1, 2, 3]) router.emit('sockets:delta', delta(seq));
    expect(a.got).toEqual([]);
    expect(b.got.map(([, seq]) => seq)).toEqual([1, 2, 3]);
    router.release(a, 'sockets:delta', (d) => d.seq > 1);
    expect(a.got).toEqual([
      ['sockets:delta', 2],
      ['sockets:delta', 3],
    ]);
    // Released: the next one goes straight out.
    router.emit('sockets:delta', delta(4));
    expect(a.got.map(([, seq]) => seq)).toEqual([2, 3, 4]);
  });

  it('holds nothing for an event the front end does not receive, and releases nothing twice', () => {
    const router = new EventRouter();
    const a = recorder('a');
    router.hold(a, 'sockets:delta');
    router.subscribe(a, ['sockets:delta']);
    router.emit('sockets:delta', delta(1));
    expect(a.got.map(([, seq]) => seq)).toEqual([1]);
    router.hold(a, 'sockets:delta');
    router.emit('sockets:delta', delta(2));
    router.release(a, 'sockets:delta', () => true);
    router.release(a, 'sockets:delta', () => true);
    expect(a.got.map(([, seq]) => seq)).toEqual([1, 2]);
  });

  it('drops a front end whose send throws while its held events go out, and says what it had', () => {
    const router = new EventRouter();
    const a = recorder('a', true);
    router.subscribe(a, ['sockets:delta', 'collector:status']);
    router.hold(a, 'sockets:delta');
    router.emit('sockets:delta', delta(1));
    router.emit('sockets:delta', delta(2));
    const dropped: string[][] = [];
    router.release(
      a,
      'sockets:delta',
      () => true,
      (c, had) => dropped.push([c.id, ...had]),
    );
    expect(dropped).toEqual([['a', 'sockets:delta', 'collector:status']]);
    expect(router.has(a, 'sockets:delta')).toBe(false);
  });
});
