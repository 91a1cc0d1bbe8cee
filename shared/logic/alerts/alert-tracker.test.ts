// Alerts across ticks: raised once, de-duplicated while the condition holds, cleared (naming the new owner) when it goes.
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../../model/alerts';
import type { Socket } from '../../model/socket';
import { sock } from '../../test-support/sockets';
import type { ConditionInput } from './alert-conditions';
import { AlertTracker } from './alert-tracker';

const T0 = 1_700_000_000_000;
const listener = (pid: number, process = 'web') =>
  sock({ localPort: 8080, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', pid, process, inode: pid });
const at = (sockets: Socket[], now = T0, over: Partial<ConditionInput> = {}): ConditionInput => ({
  sockets,
  now,
  watchedPorts: [8080],
  thresholds: DEFAULT_THRESHOLDS,
  newConnectionsPerSec: 0,
  ephemeral: { low: 32768, high: 60999, excluded: 0, source: 'default' },
  ...over,
});

describe('AlertTracker', () => {
  it('raises port-down once while the listener is gone and clears it naming who listens again', () => {
    const t = new AlertTracker();
    expect(t.update(at([listener(1)])).raised).toEqual([]);
    const down = t.update(at([], T0 + 1000));
    expect(down.raised.map((a) => [a.id, a.messageKey, a.params.port])).toEqual([
      ['port-down:8080', 'alerts.port-down', 8080],
    ]);
    expect(t.update(at([], T0 + 2000)).raised).toEqual([]);
    expect(t.list()).toHaveLength(1);
    const up = t.update(at([listener(2, 'intruder')], T0 + 3000));
    expect(up.cleared).toHaveLength(1);
    expect(up.cleared[0]).toMatchObject({
      clearedAt: T0 + 3000,
      clearKey: 'alerts.cleared.port-up',
      clearParams: { owner: '2/intruder' },
    });
    expect(t.list()).toEqual([]);
  });

  it('raises a one-shot alert when a watched port changes hands between ticks', () => {
    const t = new AlertTracker();
    t.update(at([listener(1)]));
    const r = t.update(at([listener(2, 'other')], T0 + 1000));
    expect(r.raised).toEqual([
      expect.objectContaining({
        kind: 'port-owner-changed',
        params: { port: 8080, before: '1/web', owner: '2/other' },
      }),
    ]);
    expect(t.list()).toEqual([]);
  });

  it('alerts on CLOSE_WAIT age and on the new-connection rate, and clears them', () => {
    const t = new AlertTracker();
    const old = sock({ state: 'CLOSE_WAIT', pid: 5, process: 'leaky', stateSince: T0 - 61_000 });
    const r = t.update(at([listener(1), old], T0, { newConnectionsPerSec: 5000 }));
    expect(r.raised.map((a) => a.id).sort()).toEqual(['close-wait-age:pid:5', 'new-connections-rate']);
    const c = t.update(at([listener(1)], T0 + 1000));
    expect(c.cleared.map((a) => a.id).sort()).toEqual(['close-wait-age:pid:5', 'new-connections-rate']);
  });

  it('stays quiet on a healthy table', () => {
    const t = new AlertTracker();
    const r = t.update(at([listener(1), sock(), sock({ state: 'TIME_WAIT' })]));
    expect(r).toEqual({ raised: [], cleared: [] });
  });
});
