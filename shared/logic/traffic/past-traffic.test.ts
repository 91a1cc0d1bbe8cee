// The Processes view of a recorded moment: rates as the sockets recorded them, bytes from their kernel counters, the
// shared listener on every holder's row, and the sockets with no owner in their own row.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { pastProcessTraffic } from './past-traffic';
import { processInfo as info, sharedListener, worker } from '../../test-support/processes';

describe('pastProcessTraffic', () => {
  it('sums the recorded rates and kernel counters per process and per destination', () => {
    const metrics = (bytesSent: number) => ({ rttMs: 1, retransmits: 0, bytesSent, bytesReceived: 7 });
    const table = new Map(
      [
        sharedListener(),
        sock({
          key: 'a',
          pid: 11,
          owners: [worker],
          remoteAddress: '203.0.113.9',
          remotePort: 50000,
          metrics: metrics(1000),
          sentBytesPerSec: 100,
          receivedBytesPerSec: 1,
        }),
        sock({
          key: 'b',
          pid: 11,
          owners: [worker],
          remoteAddress: '203.0.113.9',
          remotePort: 50001,
          metrics: metrics(500),
          sentBytesPerSec: null,
          receivedBytesPerSec: null,
        }),
        sock({ key: 't', pid: null, process: null, owners: [], state: 'TIME_WAIT', metrics: null }),
        sock({ key: 'h', pid: null, process: null, owners: [], remoteAddress: '198.51.100.1', metrics: metrics(3) }),
      ].map((s) => [s.key, s]),
    );
    const list = pastProcessTraffic(
      table,
      new Map([
        [10, info(10, 'nginx')],
        [11, info(11, 'nginx')],
      ]),
      5_000,
      (n) => `hidden:${n}`,
    );
    const byPid = new Map(list.processes.map((p) => [p.pid, p]));
    expect(byPid.get(10)).toMatchObject({ listening: [{ proto: 'tcp', port: 80 }], connections: 0, sentBytes: 0 });
    expect(byPid.get(11)).toMatchObject({
      listening: [{ proto: 'tcp', port: 80 }],
      connections: 2,
      // A socket with no rate recorded (first sight) adds nothing; the other's rate is the process's.
      sentBytesPerSec: 100,
      receivedBytesPerSec: 1,
      sentBytes: 1500,
      receivedBytes: 14,
      remoteHosts: 1,
      history: [],
      status: 'live',
    });
    expect(byPid.get(null)).toMatchObject({ connections: 2, sentBytes: 3 });
    expect(list.hidden).toEqual({ sockets: 1, reasonKey: 'hidden:1' });
    expect(list.takenAt).toBe(5_000);
    expect(list.destinations[0]).toMatchObject({ address: '203.0.113.9', sentBytes: 1500, connections: 2 });
  });
});
