// Ephemeral pressure per (local IP, remote endpoint) against the range, TIME_WAIT included.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { ephemeralPortRule } from './ephemeral-port-rule';
import { input } from './test-input';

const conns = (n: number, state: 'ESTABLISHED' | 'TIME_WAIT' = 'ESTABLISHED', remotePort = 5432) =>
  Array.from({ length: n }, (_, i) => sock({ localPort: 40000 + i, remotePort, state }));

describe('ephemeralPortRule', () => {
  it('fires at the usage threshold and turns critical at 90 %', () => {
    const warn = ephemeralPortRule(input([...conns(30), ...conns(25, 'TIME_WAIT')]));
    expect(warn.map((f) => [f.severity, f.titleParams.count, f.titleParams.pct])).toEqual([['warning', 55, 55]]);
    const crit = ephemeralPortRule(input(conns(95)));
    expect(crit[0]?.severity).toBe('critical');
  });

  it('counts excluded ports out of the range (Windows reservations)', () => {
    const f = ephemeralPortRule(
      input(conns(30), { ephemeral: { low: 40000, high: 40099, excluded: 50, source: 'netsh' } }),
    );
    expect(f[0]?.titleParams.size).toBe(50);
  });

  it('stays quiet below the threshold and for ports outside the range', () => {
    expect(ephemeralPortRule(input(conns(20)))).toEqual([]);
    const outside = Array.from({ length: 80 }, (_, i) => sock({ localPort: 20000 + i }));
    expect(ephemeralPortRule(input(outside))).toEqual([]);
  });
});
