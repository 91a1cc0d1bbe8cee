// Ephemeral pressure per (local IP, remote endpoint) against the range, TIME_WAIT included.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { DEFAULT_THRESHOLDS } from '../../model/alerts';
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

  it('finds at every threshold what grouping every socket finds, to the rounded percent, among many small groups', () => {
    // A 1,000-port range: groups of 494-506 sockets, each on a remote port of its own, sit on both sides of 50 % once
    // rounded (49.4 ... 50.6), beside 300 groups of one, and one socket from another local address sharing the
    // remote port of the group of 500.
    const range = { low: 40000, high: 40999, excluded: 0, source: 'default' } as const;
    const sockets = [
      ...Array.from({ length: 300 }, (_, i) => sock({ localPort: 40000 + i, remotePort: 1000 + i })),
      sock({ localAddress: '10.0.0.9', localPort: 40500, remoteAddress: '10.1.0.1', remotePort: 5500 }),
    ];
    for (let size = 494; size <= 506; size++)
      for (let i = 0; i < size; i++)
        sockets.push(sock({ remoteAddress: '10.1.0.1', localPort: 40000 + i, remotePort: 5000 + size }));
    for (const pct of [1, 49, 49.4, 49.5, 50, 50.3, 50.5, 51, 99]) {
      const thresholds = { ...DEFAULT_THRESHOLDS, ephemeralUsagePct: pct };
      const found = ephemeralPortRule(input(sockets, { ephemeral: range, thresholds }));
      // Grouping every socket: the groups whose rounded percentage reaches the threshold, largest first, at most 5.
      const counts = new Map<string, number>();
      for (const s of sockets) {
        const k = `${s.localAddress} ${s.remoteAddress}:${s.remotePort}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
      }
      const expected = [...counts.values()]
        .filter((n) => Math.round((n / 1000) * 1000) / 10 >= pct)
        .sort((a, b) => b - a)
        .slice(0, 5);
      expect(
        found.map((f) => f.titleParams.count),
        `threshold ${pct} %`,
      ).toEqual(expected);
    }
  });
});
