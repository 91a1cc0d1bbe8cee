// The signal kill flow with a fake OS: order of checks, SIGTERM then SIGKILL, waits, and error mapping.
import { describe, expect, it } from 'vitest';
import type { ProcessDetails } from '../../../../shared/model/actions';
import { goneError } from '../process-errors';
import { signalKill, type SignalDeps } from './signal-kill';

const base: Omit<ProcessDetails, 'sockets'> = {
  pid: 321,
  name: 'server',
  exe: '/usr/bin/server',
  cmdline: 'server',
  user: 'alice',
  uid: 1000,
  startTime: 5_000,
  ppid: 1,
  parentName: 'init',
  kernelThread: false,
  own: false,
  refusal: null,
};

/** A fake process that exits after the signals listed in `diesOn`, or refuses signals with `signalError`. */
function fake(o: { diesOn?: string[]; signalError?: string; details?: Partial<typeof base>; elevated?: boolean }) {
  const sent: string[] = [];
  let alive = true;
  const deps: SignalDeps = {
    details: (pid) => {
      if (pid !== 321) throw goneError(pid);
      return { ...base, ...o.details };
    },
    signal: (_pid, sig) => {
      if (o.signalError) throw Object.assign(new Error('kill failed'), { code: o.signalError });
      sent.push(sig);
      if (o.diesOn?.includes(sig)) alive = false;
    },
    watch: () => () => !alive,
    elevated: o.elevated ?? false,
    graceMs: 60,
    pollMs: 5,
  };
  return { deps, sent };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a failure');
}

describe('signalKill', () => {
  it('ends a process that honours SIGTERM: terminated, no SIGKILL', async () => {
    const { deps, sent } = fake({ diesOn: ['SIGTERM'] });
    const r = await signalKill({ pid: 321, force: true }, deps);
    expect(r).toMatchObject({ pid: 321, outcome: 'terminated' });
    expect(sent).toEqual(['SIGTERM']);
  });

  it('with force, sends SIGKILL after the grace period: killed', async () => {
    const { deps, sent } = fake({ diesOn: ['SIGKILL'] });
    const r = await signalKill({ pid: 321, force: true }, deps);
    expect(r.outcome).toBe('killed');
    expect(r.elapsedMs).toBeGreaterThanOrEqual(55);
    expect(sent).toEqual(['SIGTERM', 'SIGKILL']);
  });

  it('without force, a process that ignores SIGTERM gives TIMEOUT and no SIGKILL', async () => {
    const { deps, sent } = fake({ diesOn: ['SIGKILL'] });
    const e = await failure(signalKill({ pid: 321, force: false }, deps));
    expect(e).toMatchObject({ code: 'TIMEOUT', key: 'actions.killTimeout' });
    expect((e as Error).message).toBe('Process 321 (server) did not exit 0.1 s after SIGTERM: use Force to kill it.');
    expect(sent).toEqual(['SIGTERM']);
  });

  it('a process that survives SIGKILL too gives TIMEOUT killStuck', async () => {
    const { deps } = fake({});
    expect(await failure(signalKill({ pid: 321, force: true }, deps))).toMatchObject({
      code: 'TIMEOUT',
      key: 'actions.killStuck',
    });
  });

  it('refuses before signalling, with the reason of the details', async () => {
    const { deps, sent } = fake({ details: { own: true, refusal: 'actions.refusedOwn' } });
    expect(await failure(signalKill({ pid: 321, force: true }, deps))).toMatchObject({
      code: 'REFUSED',
      key: 'actions.refusedOwn',
    });
    expect(sent).toEqual([]);
  });

  it('ESRCH when gone, and when the pid started at another time than the one confirmed', async () => {
    const { deps, sent } = fake({ diesOn: ['SIGTERM'] });
    expect(await failure(signalKill({ pid: 999, force: false }, deps))).toMatchObject({ code: 'ESRCH' });
    const e = await failure(signalKill({ pid: 321, force: false, expectStartTime: 4_000 }, deps));
    expect(e).toMatchObject({ code: 'ESRCH', key: 'actions.pidReused' });
    expect((e as Error).message).toMatch(/already exited; PID 321 now belongs to another process \(server\)/);
    expect(sent).toEqual([]);
    await expect(signalKill({ pid: 321, force: false, expectStartTime: 5_000 }, deps)).resolves.toBeTruthy();
  });

  it('maps EPERM to NEEDS_ELEVATION (or EPERM when elevated) and ESRCH to already exited', async () => {
    expect(await failure(signalKill({ pid: 321, force: false }, fake({ signalError: 'EPERM' }).deps))).toMatchObject({
      code: 'NEEDS_ELEVATION',
      key: 'actions.killNeedsElevation',
      message: 'Process 321 (server) belongs to another user: retry as administrator.',
    });
    const root = fake({ signalError: 'EPERM', elevated: true }).deps;
    expect(await failure(signalKill({ pid: 321, force: false }, root))).toMatchObject({ code: 'EPERM' });
    expect(await failure(signalKill({ pid: 321, force: false }, fake({ signalError: 'ESRCH' }).deps))).toMatchObject({
      code: 'ESRCH',
      key: 'actions.gone',
    });
  });
});
