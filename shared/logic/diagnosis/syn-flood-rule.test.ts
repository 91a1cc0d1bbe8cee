// SYN_RECEIVED floods per listening port.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { SYN_RECEIVED_WARN, synFloodRule } from './syn-flood-rule';
import { input } from './test-input';

const half = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    sock({ localPort: 443, remoteAddress: `10.0.0.${i % 250}`, remotePort: 1000 + i, state: 'SYN_RECEIVED' }),
  );

describe('synFloodRule', () => {
  it('fires on many half-open connections on one port', () => {
    const f = synFloodRule(input(half(SYN_RECEIVED_WARN + 5)));
    expect(f.map((x) => [x.id, x.severity, x.titleParams.count])).toEqual([['syn-flood:443', 'warning', 105]]);
  });

  it('stays quiet for the handful a busy server always has', () => {
    expect(synFloodRule(input(half(10)))).toEqual([]);
  });
});
