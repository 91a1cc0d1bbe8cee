// The host-name and traffic slices against a scripted host: names folded in and dropped, the table's addresses
// asked only while resolving is on, one traffic poll at a time.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/model/settings';
import { sock } from '../../../shared/test-support/sockets';

const invoke = vi.fn();
vi.mock('../api', async () => (await import('./api-mock')).apiMock((...a) => invoke(...a)));

const { useStore } = await import('./index');
const ok = (value: unknown) => ({ ok: true, value });

const table = new Map(
  [
    sock({ key: 'a', remoteAddress: '203.0.113.5', remotePort: 443 }),
    sock({ key: 'b', remoteAddress: '203.0.113.5', remotePort: 80 }),
    sock({ key: 'c', remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN' }),
    sock({ key: 'd', remoteAddress: '198.51.100.7', remotePort: 22 }),
  ].map((s) => [s.key, s]),
);

beforeEach(() => {
  invoke.mockReset();
  useStore.setState({ hostNames: new Map(), table, settings: { ...DEFAULT_SETTINGS, resolveAddresses: false } });
});

describe('host names slice', () => {
  it('folds names in, keeps the map when nothing changed, and drops a name on a miss', () => {
    const s = useStore.getState();
    s.receiveHostNames([{ address: '203.0.113.5', name: 'web.example', source: 'dns' }]);
    const first = useStore.getState().hostNames;
    expect(first.get('203.0.113.5')).toBe('web.example');
    s.receiveHostNames([{ address: '203.0.113.5', name: 'web.example', source: 'dns' }]);
    expect(useStore.getState().hostNames).toBe(first);
    s.receiveHostNames([{ address: '203.0.113.5', name: null, source: 'dns' }]);
    expect(useStore.getState().hostNames.has('203.0.113.5')).toBe(false);
  });

  it('asks for the table’s remote addresses once each, only while resolving is on', async () => {
    await useStore.getState().resolveTableAddresses();
    expect(invoke).not.toHaveBeenCalled();
    useStore.setState({ settings: { ...DEFAULT_SETTINGS, resolveAddresses: true } });
    invoke.mockResolvedValueOnce(ok({ names: [{ address: '198.51.100.7', name: 'ssh.example', source: 'hosts' }] }));
    await useStore.getState().resolveTableAddresses();
    expect(invoke).toHaveBeenCalledWith('hosts:resolve', { addresses: ['203.0.113.5', '198.51.100.7'], waitMs: 0 });
    expect(useStore.getState().hostNames.get('198.51.100.7')).toBe('ssh.example');
  });
});

describe('traffic slice', () => {
  it('keeps one poll in flight and shows a failure without dropping the last answer', async () => {
    const list = {
      takenAt: 1,
      intervalMs: 1000,
      processes: [],
      destinations: [],
      hidden: null,
      closedSource: 'kernel',
    };
    let answer: (v: unknown) => void = () => undefined;
    invoke.mockReturnValueOnce(new Promise((r) => (answer = r)));
    const first = useStore.getState().loadProcessTraffic();
    await useStore.getState().loadProcessTraffic();
    expect(invoke).toHaveBeenCalledTimes(1);
    answer(ok(list));
    await first;
    expect(useStore.getState().processTraffic).toEqual(list);
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } });
    await useStore.getState().loadProcessTraffic();
    expect(useStore.getState().processTraffic).toEqual(list);
    expect(useStore.getState().processTrafficError?.code).toBe('TIMEOUT');
  });
});
