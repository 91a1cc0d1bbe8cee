// Retransmission-heavy connections from tcp_info, grouped by process.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { retransmitRule } from './retransmit-rule';
import { input } from './test-input';

const conn = (retransmits: number | null, remotePort = 443) =>
  sock({ remotePort, metrics: { rttMs: 120, retransmits, bytesSent: 1e6, bytesReceived: 1e6 } });

describe('retransmitRule', () => {
  it('fires for a process with heavy retransmission, worst connection first', () => {
    const f = retransmitRule(input([conn(25, 443), conn(300, 8443), conn(1, 80)]));
    expect(f.map((x) => [x.id, x.severity, x.titleParams.count, x.titleParams.max])).toEqual([
      ['retransmits:pid:100', 'critical', 2, 300],
    ]);
    expect(f[0]?.evidence[0]?.params).toMatchObject({ remote: '127.0.0.1:8443', retransmits: 300 });
  });

  it('stays quiet with few retransmissions or no tcp_info', () => {
    expect(retransmitRule(input([conn(3), conn(null), sock()]))).toEqual([]);
  });
});
