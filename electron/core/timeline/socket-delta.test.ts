// Deltas as stored: a replay from a keyframe gives the writer's table back, patches carry only what changed.
import { describe, expect, it } from 'vitest';
import { DeltaEncoder, TableReplay, encodePart, referencedPids } from './socket-delta';
import type { RecordedSocket } from './timeline-types';

const sock = (port: number, extra: Record<string, unknown> = {}): RecordedSocket =>
  ({
    key: `tcp4 127.0.0.1:${port} 127.0.0.1:80`,
    localPort: port,
    state: 'ESTABLISHED',
    pid: 7,
    ...extra,
  }) as RecordedSocket;
const none = { added: [], changed: [], removed: [], processes: [] };

describe('DeltaEncoder and TableReplay', () => {
  it('rebuild the table tick by tick from a keyframe, including removed fields and processes', () => {
    const enc = new DeltaEncoder();
    enc.encode({ ...none, added: [sock(1), sock(2), sock(3, { note: 'x' })] });
    const replay = new TableReplay();
    replay.addPart(encodePart(enc.entries()));
    const steps = [
      { ...none, changed: [sock(1, { state: 'TIME_WAIT', pid: null })], removed: [sock(2).key] },
      { ...none, added: [sock(4, { owners: [{ pid: 9 }] })], changed: [sock(3)], processes: [{ pid: 9, name: 'x' }] },
      { ...none, removed: [sock(1).key, sock(4).key], added: [sock(1)] },
    ];
    for (const s of steps) {
      const d = enc.encode(s);
      replay.apply(JSON.parse(JSON.stringify(d)));
      expect(replay.table).toEqual(enc.table);
    }
    expect(replay.table.get(sock(3).key)).toEqual(sock(3));
    expect('note' in (replay.table.get(sock(3).key) ?? {})).toBe(false);
    expect(replay.processes.get(9)).toEqual({ pid: 9, name: 'x' });
  });

  it('stores only the fields that changed, and names sockets by id', () => {
    const enc = new DeltaEncoder();
    enc.encode({ ...none, added: [sock(1, { metrics: { rtt: 1 } })] });
    const d = enc.encode({ ...none, changed: [sock(1, { metrics: { rtt: 2 } })] });
    expect(JSON.stringify(d?.c)).not.toContain('ESTABLISHED');
    expect(JSON.stringify(d?.c)).not.toContain('127.0.0.1');
    expect(JSON.stringify(d?.c)).toContain('rtt');
    expect(enc.encode(none)).toBeNull();
  });

  it('says when the caller’s table drifted from its deltas', () => {
    const enc = new DeltaEncoder();
    enc.encode({ ...none, added: [sock(1)] });
    expect(enc.reset([...enc.table.values()])).toBe(false);
    expect(enc.reset([sock(1), sock(2)])).toBe(true);
    expect([...enc.table.keys()]).toEqual([sock(1).key, sock(2).key]);
  });

  it('refuses a delta that patches a socket it never saw', () => {
    const replay = new TableReplay();
    expect(() => replay.apply({ i: 1, a: [], c: [[['key', 'state'], [5], ['X']]], u: [], r: [], p: [] })).toThrow(
      /unknown socket/,
    );
  });

  it('finds the pids of pid and owners', () => {
    expect(referencedPids(sock(1, { pid: 3, owners: [{ pid: 4 }, { pid: 'x' }, null] }))).toEqual([3, 4]);
  });
});
