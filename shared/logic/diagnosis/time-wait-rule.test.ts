// TIME_WAIT: grouped by remote endpoint when this host closed first as a client, by local port as a server.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { TIME_WAIT_REPORT_MIN, timeWaitRule } from './time-wait-rule';
import { input } from './test-input';

const listener = sock({ localPort: 8080, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN' });
const clientTw = (n: number, remotePort = 9000) =>
  Array.from({ length: n }, (_, i) => sock({ localPort: 40000 + i, remotePort, state: 'TIME_WAIT', pid: null }));
const serverTw = (n: number) =>
  Array.from({ length: n }, (_, i) => sock({ localPort: 8080, remotePort: 50000 + i, state: 'TIME_WAIT', pid: null }));

describe('timeWaitRule', () => {
  it('groups client-side TIME_WAIT on the remote endpoint and grades the 4-tuple pressure', () => {
    const f = timeWaitRule(input([listener, ...clientTw(60), ...clientTw(3, 9001)]));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      id: 'time-wait:remote:127.0.0.1:9000',
      titleKey: 'diagnosis.timeWait.clientTitle',
      severity: 'warning',
      titleParams: { endpoint: '127.0.0.1:9000', count: 60, pct: 60 },
    });
  });

  it('reports server-side TIME_WAIT by local port as harmless (ok) below the host thresholds', () => {
    const f = timeWaitRule(input([listener, ...serverTw(80)]));
    expect(f.map((x) => [x.id, x.severity, x.titleKey])).toEqual([
      ['time-wait:local:8080', 'ok', 'diagnosis.timeWait.serverTitle'],
    ]);
  });

  it('warns near tcp_max_tw_buckets even when no group is large', () => {
    const f = timeWaitRule(input([...clientTw(30), ...clientTw(30, 9001)], { maxTimeWaitBuckets: 50 }));
    expect(f.map((x) => [x.id, x.severity])).toEqual([['time-wait:total', 'critical']]);
  });

  it('stays quiet for a few TIME_WAIT sockets', () => {
    expect(timeWaitRule(input([listener, ...clientTw(TIME_WAIT_REPORT_MIN - 1)]))).toEqual([]);
  });
});
