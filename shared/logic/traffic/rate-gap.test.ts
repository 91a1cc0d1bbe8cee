// rateGap: every missing rate has its reason; a socket with rates has none.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { rateGap, rateShown } from './rate-gap';

const metrics = { rttMs: 1, retransmits: 0, bytesSent: 10, bytesReceived: 20 };

describe('rateGap', () => {
  it('names the reason for each missing rate', () => {
    expect(rateGap(sock({ proto: 'udp', state: 'UNCONN' }), 'linux')).toBe('udp');
    expect(rateGap(sock({ metrics: null }), 'win32')).toBe('windows');
    expect(rateGap(sock({ metrics: null }), 'darwin')).toBe('macos');
    expect(rateGap(sock({ state: 'TIME_WAIT', metrics: null }), 'linux')).toBe('timeWait');
    expect(rateGap(sock({ metrics: null }), 'linux')).toBe('noCounters');
    expect(rateGap(sock({ metrics }), 'linux')).toBe('firstSight');
  });

  it('is null once both rates are known, a rate of 0 included', () => {
    expect(rateGap(sock({ metrics, sentBytesPerSec: 0, receivedBytesPerSec: 512 }), 'linux')).toBeNull();
  });

  it('shows 0 for a socket with counters left untouched since an earlier refresh, nothing at first sight', () => {
    const idle = sock({ metrics, firstSeen: 1000 });
    expect(rateShown(idle, 'sent', 2000)).toBe(0);
    expect(rateShown(idle, 'received', 1000)).toBeNull();
    expect(rateShown(sock({ metrics: null, firstSeen: 1000 }), 'sent', 2000)).toBeNull();
    expect(rateShown(sock({ proto: 'udp', metrics: null, firstSeen: 1000 }), 'sent', 2000)).toBeNull();
    expect(rateShown(sock({ metrics, firstSeen: 1000, sentBytesPerSec: 5 }), 'sent', 2000)).toBe(5);
  });
});
