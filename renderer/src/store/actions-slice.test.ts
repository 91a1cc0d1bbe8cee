// The actions slice against a scripted host: details, kill outcomes, the elevation retry, close, stale answers.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProcessDetails } from '../../../shared/model/actions';
import type { Socket } from '../../../shared/model/socket';

const invoke = vi.fn();
vi.mock('../api', async () => (await import('./api-mock')).apiMock((...a) => invoke(...a)));

const { useStore } = await import('./index');

const details: ProcessDetails = {
  pid: 42,
  name: 'node',
  exe: '/usr/bin/node',
  cmdline: 'node server.js',
  user: 'dev',
  uid: 1000,
  startTime: 1_700_000_000_000,
  ppid: 1,
  parentName: 'init',
  kernelThread: false,
  own: false,
  refusal: null,
  sockets: [],
};
const ok = (value: unknown) => ({ ok: true, value });
const err = (code: string, key?: string) => ({ ok: false, error: { code, message: code, ...(key && { key }) } });
const privilege = {
  elevated: false,
  helper: 'running',
  canElevate: true,
  cannotElevateReason: null,
  collectorElevated: false,
};

async function openKillReady() {
  invoke.mockResolvedValueOnce(ok(details));
  useStore.getState().openKill(42, 'node');
  await vi.waitFor(() => expect(useStore.getState().details?.state).toBe('ready'));
}

beforeEach(() => {
  invoke.mockReset();
  useStore.getState().closeDialog();
  useStore.setState({ toasts: [] });
});

describe('actions slice', () => {
  it('kills with the start time from the details, closes the dialog and says "terminated"', async () => {
    await openKillReady();
    invoke.mockResolvedValueOnce(ok({ pid: 42, outcome: 'terminated', elapsedMs: 12, viaHelper: false }));
    await useStore.getState().kill(true);
    expect(invoke).toHaveBeenLastCalledWith('process:kill', {
      pid: 42,
      force: true,
      expectStartTime: details.startTime,
    });
    expect(useStore.getState().dialog).toBeNull();
    expect(useStore.getState().toasts.at(-1)).toMatchObject({
      kind: 'info',
      message: { key: 'actionUi.kill.terminated', params: { name: 'node', pid: 42 } },
    });
  });

  it('shows ESRCH as "gone" and REFUSED / NOT_SUPPORTED in the dialog, not as toasts', async () => {
    await openKillReady();
    invoke.mockResolvedValueOnce(err('ESRCH'));
    await useStore.getState().kill(false);
    expect(useStore.getState().outcome).toEqual({ kind: 'gone' });
    invoke.mockResolvedValueOnce(err('REFUSED', 'actions.refusedOwn'));
    await useStore.getState().kill(false);
    expect(useStore.getState().outcome.kind).toBe('failed');
    expect(useStore.getState().toasts).toEqual([]);
  });

  it('turns other failures into a toast and lets the user try again', async () => {
    await openKillReady();
    invoke.mockResolvedValueOnce(err('TIMEOUT'));
    await useStore.getState().kill(false);
    expect(useStore.getState().outcome).toEqual({ kind: 'idle' });
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ kind: 'error', error: { code: 'TIMEOUT' } });
  });

  it('retries as administrator: elevates, then repeats the same kill', async () => {
    await openKillReady();
    invoke.mockResolvedValueOnce(err('NEEDS_ELEVATION'));
    await useStore.getState().kill(true);
    expect(useStore.getState().outcome.kind).toBe('needsElevation');
    invoke
      .mockResolvedValueOnce(ok(privilege))
      .mockResolvedValueOnce(ok({ pid: 42, outcome: 'killed', elapsedMs: 3000, viaHelper: true }));
    await useStore.getState().retryElevated();
    expect(invoke.mock.calls.slice(-2).map((c) => c[0])).toEqual(['privilege:elevate', 'process:kill']);
    expect(invoke.mock.calls.at(-2)?.[1]).toEqual({ collector: false });
    expect(invoke.mock.calls.at(-1)?.[1]).toMatchObject({ force: true });
    expect(useStore.getState().privilege?.helper).toBe('running');
    expect(useStore.getState().dialog).toBeNull();
  });

  it('shows a failed elevation in the dialog', async () => {
    await openKillReady();
    invoke.mockResolvedValueOnce(err('NEEDS_ELEVATION'));
    await useStore.getState().kill(false);
    invoke.mockResolvedValueOnce(err('NOT_SUPPORTED', 'privilege.cancelled'));
    await useStore.getState().retryElevated();
    expect(useStore.getState().outcome).toMatchObject({ kind: 'failed', error: { key: 'privilege.cancelled' } });
  });

  it('closes a connection by its endpoints', async () => {
    const s = { proto: 'tcp', family: 4, localAddress: '127.0.0.1', localPort: 5000, remoteAddress: '127.0.0.1' };
    useStore.getState().openClose({ ...s, remotePort: 80, state: 'ESTABLISHED', key: 'k' } as Socket);
    invoke.mockResolvedValueOnce(ok({ closed: true, method: 'sock_destroy', viaHelper: false }));
    await useStore.getState().closeConnection();
    expect(invoke).toHaveBeenLastCalledWith('socket:close', {
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 5000,
      remoteAddress: '127.0.0.1',
      remotePort: 80,
    });
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ kind: 'info', message: { key: 'actionUi.close.done' } });
  });

  it('"Show all owners" elevates with the collector, and a refusal becomes a toast', async () => {
    invoke.mockResolvedValueOnce(ok({ ...privilege, collectorElevated: true }));
    await useStore.getState().showAllOwners();
    expect(invoke).toHaveBeenLastCalledWith('privilege:elevate', { collector: true });
    expect(useStore.getState().privilege?.collectorElevated).toBe(true);
    invoke.mockResolvedValueOnce(err('NOT_SUPPORTED', 'privilege.noAgent'));
    await useStore.getState().showAllOwners();
    expect(useStore.getState().toasts.at(-1)).toMatchObject({ kind: 'error', error: { key: 'privilege.noAgent' } });
  });

  it('ignores an answer that arrives after its dialog closed', async () => {
    let answer: (v: unknown) => void = () => undefined;
    invoke.mockReturnValueOnce(new Promise((r) => (answer = r)));
    useStore.getState().openDetails(42, 'node');
    useStore.getState().closeDialog();
    answer(ok(details));
    await Promise.resolve();
    expect(useStore.getState().details).toBeNull();
  });
});
