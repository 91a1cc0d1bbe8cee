// Per-process counters from tcp_info: baseline, growth, reused keys, sockets that go, final counters, sticky slots.
import { describe, expect, it } from 'vitest';
import { sock } from '../../../shared/test-support/sockets';
import type { Socket } from '../../../shared/model/socket';
import { ProcessCounters, type ProcessDelta } from './process-counters';
import { NOW, tickOf } from './test-support/synthetic';

function recorder(topN: number, idleMs?: number) {
  const totals = new Map<string, ProcessDelta>();
  const dropped: string[] = [];
  const counters = new ProcessCounters({
    topN,
    idleMs,
    add: (label, d) => {
      const t = totals.get(label) ?? { sent: 0, received: 0, retransmits: 0 };
      totals.set(label, {
        sent: t.sent + d.sent,
        received: t.received + d.received,
        retransmits: t.retransmits + d.retransmits,
      });
    },
    drop: (label) => {
      dropped.push(label);
      totals.delete(label);
    },
  });
  return { counters, totals, dropped };
}

const conn = (process: string, port: number, sent: number, received = 0, retransmits = 0): Socket =>
  sock({ process, localPort: port, metrics: { rttMs: 1, retransmits, bytesSent: sent, bytesReceived: received } });

describe('ProcessCounters', () => {
  it('counts nothing of the baseline and then only what each socket grew by', () => {
    const { counters, totals } = recorder(10);
    counters.apply(tickOf({ baseline: true, updated: [conn('db', 1, 1_000_000, 500)] }));
    expect(totals.size).toBe(0);
    counters.apply(tickOf({ updated: [conn('db', 1, 1_000_300, 520, 2)] }));
    counters.apply(tickOf({ updated: [conn('db', 1, 1_000_400, 520, 2)] }));
    expect(totals.get('db')).toEqual({ sent: 400, received: 20, retransmits: 2 });
  });

  it('counts a socket first seen after the baseline from zero', () => {
    const { counters, totals } = recorder(10);
    counters.apply(tickOf({ baseline: true, updated: [] }));
    counters.apply(tickOf({ updated: [conn('web', 2, 4096, 100)] }));
    expect(totals.get('web')).toEqual({ sent: 4096, received: 100, retransmits: 0 });
  });

  it('takes shrinking counters on one key as a new connection (4-tuple reused), never as a negative delta', () => {
    const { counters, totals } = recorder(10);
    counters.apply(tickOf({ baseline: true, updated: [conn('app', 3, 5000)] }));
    counters.apply(tickOf({ updated: [conn('app', 3, 120)] }));
    expect(totals.get('app')?.sent).toBe(120);
  });

  it('keeps what a gone socket moved, and counts a new socket on the same key from zero', () => {
    const { counters, totals } = recorder(10);
    const first = conn('app', 4, 100);
    counters.apply(tickOf({ baseline: true, updated: [] }));
    counters.apply(tickOf({ updated: [first] }));
    counters.apply(tickOf({ removed: [first.key] }));
    counters.apply(tickOf({ updated: [conn('app', 4, 700)] }));
    expect(totals.get('app')?.sent).toBe(800);
  });

  it('leaves a socket without tcp_info (TIME_WAIT) alone and credits its final counters to the last owner', () => {
    const { counters, totals } = recorder(10);
    const live = conn('client', 5, 1000);
    counters.apply(tickOf({ baseline: true, updated: [live] }));
    const tw = sock({ ...live, state: 'TIME_WAIT', pid: null, process: null, metrics: null });
    counters.apply(tickOf({ updated: [tw] }));
    expect(totals.size).toBe(0);
    const final = { rttMs: 1, retransmits: 1, bytesSent: 1500, bytesReceived: 0 };
    counters.apply(
      tickOf({ removed: [live.key], closed: [{ key: live.key, finalState: 'TIME_WAIT', source: 'kernel', final }] }),
    );
    expect(totals.get('client')).toEqual({ sent: 500, received: 0, retransmits: 1 });
    expect(counters.size).toBe(0);
  });

  it('gives the first N active processes their own series and sums later ones into "other"', () => {
    const { counters, totals } = recorder(2);
    counters.apply(tickOf({ baseline: true, updated: [] }));
    counters.apply(tickOf({ updated: [conn('a', 1, 10), conn('b', 2, 20), conn('c', 3, 30)] }));
    expect([...totals.keys()].sort()).toEqual(['a', 'b', 'other']);
    expect(totals.get('other')?.sent).toBe(30);
  });

  it('hands an idle process slot to a newcomer only when one is needed, dropping the idle series', () => {
    const { counters, totals, dropped } = recorder(1, 60_000);
    counters.apply(tickOf({ baseline: true, updated: [] }));
    counters.apply(tickOf({ takenAt: NOW, updated: [conn('old', 1, 10)] }));
    counters.apply(tickOf({ takenAt: NOW + 30_000, updated: [conn('new', 2, 5)] }));
    expect(totals.get('other')?.sent).toBe(5);
    counters.apply(tickOf({ takenAt: NOW + 61_000, updated: [conn('new', 2, 9)] }));
    expect(dropped).toEqual(['old']);
    expect(totals.get('new')?.sent).toBe(4);
    expect(totals.get('other')?.sent).toBe(5);
  });

  it('never gives a process named "other" a slot of its own', () => {
    const { counters, totals, dropped } = recorder(1, 0);
    counters.apply(tickOf({ baseline: true, updated: [] }));
    counters.apply(tickOf({ takenAt: NOW, updated: [conn('other', 1, 10)] }));
    counters.apply(tickOf({ takenAt: NOW + 1, updated: [conn('x', 2, 3)] }));
    expect(dropped).toEqual([]);
    expect(totals.get('other')?.sent).toBe(10);
    expect(totals.get('x')?.sent).toBe(3);
  });
});
