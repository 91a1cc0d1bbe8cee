// top's rows: each sort order, and the JSON object of one interval with the documented keys.
import { describe, expect, it } from 'vitest';
import type { ProcessTraffic, ProcessTrafficList } from '../../model/processes';
import { processTraffic } from '../../test-support/processes';
import { sortTopRows, topJson } from './top-rows';

const row = (pid: number | null, over: Partial<ProcessTraffic> = {}): ProcessTraffic =>
  processTraffic({ pid, name: pid === null ? '' : `p${pid}`, ...over });

const busy = row(1, { sentBytesPerSec: 4_000_000, sentBytes: 100 });
const big = row(2, { sentBytes: 10_000_000, connections: 2 });
const many = row(3, { connections: 50, receivedBytesPerSec: 10 });
const gone = row(4, { status: 'exited', connections: 0, sentBytesPerSec: null, receivedBytesPerSec: null });
const rows = [gone, many, big, busy];

describe('sortTopRows', () => {
  it('orders by rate, bytes or connections, busiest first', () => {
    expect(sortTopRows(rows, 'rate').map((r) => r.pid)).toEqual([1, 3, 2, 4]);
    expect(sortTopRows(rows, 'bytes').map((r) => r.pid)).toEqual([2, 1, 3, 4]);
    expect(sortTopRows(rows, 'conns').map((r) => r.pid)).toEqual([3, 2, 1, 4]);
  });
});

describe('topJson', () => {
  it('has the documented keys per process, and the hidden row without a name', () => {
    const list: ProcessTrafficList = {
      takenAt: 1000,
      intervalMs: 1000,
      processes: [busy, row(null, { user: null })],
      destinations: [],
      hidden: { sockets: 3, reasonKey: 'owners.hiddenMany' },
      closedSource: 'kernel',
    };
    const j = topJson(list, 'rate');
    expect(Object.keys(j)).toEqual(['takenAt', 'intervalMs', 'processes', 'hidden', 'closedSource']);
    expect(j.processes[0]).toMatchObject({
      pid: 1,
      process: 'p1',
      user: 'dev',
      sentBytesPerSec: 4_000_000,
      receivedBytesPerSec: 0,
      sentBytes: 100,
      receivedBytes: 0,
      connections: 1,
      status: 'live',
    });
    expect(j.processes[1]).toMatchObject({ pid: null, process: null });
    expect(topJson(list, 'rate', 1).processes).toHaveLength(1);
  });
});
