// CLOSE_WAIT by process: fires with the oldest age and grades by count and age; quiet without CLOSE_WAIT.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { closeWaitRule } from './close-wait-rule';
import { NOW, input } from './test-input';

const cw = (i: number, pid: number, ageMs: number) =>
  sock({
    localPort: 8080,
    remotePort: 50000 + i,
    state: 'CLOSE_WAIT',
    pid,
    process: `srv${pid}`,
    stateSince: NOW - ageMs,
  });

describe('closeWaitRule', () => {
  it('names each process with its count and oldest age, worst graded by age', () => {
    const f = closeWaitRule(input([cw(1, 7, 5_000), cw(2, 7, 120_000), cw(3, 9, 1_000), sock()]));
    expect(f.map((x) => [x.id, x.severity, x.titleParams.count, x.titleParams.oldestS])).toEqual([
      ['close-wait:pid:7', 'warning', 2, 120],
      ['close-wait:pid:9', 'ok', 1, 1],
    ]);
    expect(f[0]?.titleParams.process).toBe('srv7');
    expect(f[0]?.recommendationKey).toBe('diagnosis.closeWait.recommendation');
    expect(f[0]?.socketKeys[0]).toBe(cw(2, 7, 0).key);
  });

  it('turns critical at ten times the age threshold', () => {
    expect(closeWaitRule(input([cw(1, 7, 700_000)]))[0]?.severity).toBe('critical');
  });

  it('stays quiet when no socket is in CLOSE_WAIT', () => {
    expect(closeWaitRule(input([sock(), sock({ state: 'TIME_WAIT' })]))).toEqual([]);
  });
});
