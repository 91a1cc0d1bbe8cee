// The socket slice against a scripted host: snapshot, deltas in order, gaps, buffered deltas, marks and sweeping.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { SocketDelta } from '../../../shared/model/snapshot';
import type { Socket } from '../../../shared/model/socket';
import { sock as fixture } from '../../../shared/test-support/sockets';

const invoke = vi.fn();
vi.mock('../api', async () => (await import('./api-mock')).apiMock((...a) => invoke(...a)));

const { useStore } = await import('./index');
const { HIGHLIGHT_MS } = await import('./sockets-slice');

function sock(port: number, state: Socket['state'] = 'ESTABLISHED'): Socket {
  const over = { localPort: port, remotePort: 80, state, pid: 1, process: 'node', user: 'dev', uid: 1000 };
  return fixture({ ...over, inode: port, key: `k${port}` });
}

function delta(seq: number, over: Partial<SocketDelta> = {}): SocketDelta {
  return { seq, takenAt: 0, added: [], removed: [], changed: [], processes: [], ...over };
}

const snapshot = (seq: number, sockets: Socket[]) => ({ ok: true, value: { seq, takenAt: 0, sockets, processes: [] } });

beforeEach(() => {
  invoke.mockReset();
  useStore.setState({ table: new Map(), ghosts: new Map(), changes: new Map(), ready: false, seq: -1 });
});

describe('sockets slice', () => {
  it('loads the snapshot and marks the grid ready', async () => {
    invoke.mockResolvedValueOnce(snapshot(5, [sock(1), sock(2)]));
    await useStore.getState().subscribe();
    const s = useStore.getState();
    expect(s.ready).toBe(true);
    expect(s.seq).toBe(5);
    expect([...s.table.keys()]).toEqual(['k1', 'k2']);
  });

  it('applies consecutive deltas and marks added, changed and removed rows', async () => {
    invoke.mockResolvedValueOnce(snapshot(1, [sock(1), sock(2)]));
    await useStore.getState().subscribe();
    const v = useStore.getState().version;
    useStore
      .getState()
      .receiveDelta(delta(2, { added: [sock(3)], removed: ['k1'], changed: [{ ...sock(2), state: 'CLOSE_WAIT' }] }));
    const s = useStore.getState();
    expect(s.version).toBe(v + 1);
    expect([...s.table.keys()].sort()).toEqual(['k2', 'k3']);
    expect(s.table.get('k2')?.state).toBe('CLOSE_WAIT');
    expect(s.ghosts.has('k1')).toBe(true);
    expect(Object.fromEntries([...s.changes].map(([k, c]) => [k, c.kind]))).toEqual({
      k1: 'removed',
      k2: 'changed',
      k3: 'added',
    });
  });

  it('keeps a new row "added" when it changes within its highlight', async () => {
    invoke.mockResolvedValueOnce(snapshot(1, []));
    await useStore.getState().subscribe();
    useStore.getState().receiveDelta(delta(2, { added: [sock(3)] }));
    useStore.getState().receiveDelta(delta(3, { changed: [{ ...sock(3), recvQueue: 5 }] }));
    expect(useStore.getState().changes.get('k3')?.kind).toBe('added');
  });

  it('sweeps marks and closed rows after the highlight time', async () => {
    invoke.mockResolvedValueOnce(snapshot(1, [sock(1)]));
    await useStore.getState().subscribe();
    useStore.getState().receiveDelta(delta(2, { removed: ['k1'] }));
    const at = useStore.getState().changes.get('k1')?.at ?? 0;
    useStore.getState().sweep(at + HIGHLIGHT_MS - 1);
    expect(useStore.getState().ghosts.has('k1')).toBe(true);
    useStore.getState().sweep(at + HIGHLIGHT_MS);
    expect(useStore.getState().ghosts.has('k1')).toBe(false);
    expect(useStore.getState().changes.size).toBe(0);
  });

  it('journals the rows each delta and sweep touched; fading marks alone touch no row', async () => {
    invoke.mockResolvedValueOnce(snapshot(1, [sock(1), sock(2)]));
    await useStore.getState().subscribe();
    const v = useStore.getState().version;
    useStore
      .getState()
      .receiveDelta(delta(2, { added: [sock(3)], removed: ['k1'], changed: [{ ...sock(2), recvQueue: 1 }] }));
    const { journal } = useStore.getState();
    expect([...(journal.touchedBetween(v, v + 1) ?? [])].sort()).toEqual(['k1', 'k2', 'k3']);
    // The snapshot before it said nothing of its rows: a view that saw less than `v` recomputes everything.
    expect(journal.touchedBetween(v - 1, v + 1)).toBeNull();
    const at = useStore.getState().changes.get('k1')?.at ?? 0;
    useStore.getState().receiveDelta(delta(3, { changed: [{ ...sock(2), recvQueue: 2 }] }));
    const marks = useStore.getState().marks;
    // k1's closed row leaves with the marks of that instant.
    useStore.getState().sweep(at + HIGHLIGHT_MS);
    expect(useStore.getState().marks).toBe(marks + 1);
    expect(useStore.getState().version).toBe(v + 3);
    expect([...(journal.touchedBetween(v + 2, v + 3) ?? [])]).toEqual(['k1']);
    // Nothing left to fade but marks: the rows stay as they are, only their marks re-render.
    useStore.getState().receiveDelta(delta(4, { changed: [{ ...sock(2), recvQueue: 3 }] }));
    const later = (useStore.getState().changes.get('k2')?.at ?? 0) + HIGHLIGHT_MS;
    useStore.getState().sweep(later);
    expect(useStore.getState().changes.size).toBe(0);
    expect(useStore.getState().version).toBe(v + 4);
    expect(useStore.getState().marks).toBe(marks + 3);
  });

  it('ignores stale deltas and resubscribes on a gap, then applies what arrived meanwhile', async () => {
    invoke.mockResolvedValueOnce(snapshot(1, [sock(1)]));
    await useStore.getState().subscribe();
    useStore.getState().receiveDelta(delta(1, { added: [sock(9)] }));
    expect(useStore.getState().table.has('k9')).toBe(false);

    let answer: (v: unknown) => void = () => undefined;
    invoke.mockReturnValueOnce(new Promise((r) => (answer = r)));
    useStore.getState().receiveDelta(delta(4, { added: [sock(4)] }));
    expect(invoke).toHaveBeenLastCalledWith('sockets:subscribe', {});
    useStore.getState().receiveDelta(delta(5, { added: [sock(5)] }));
    answer(snapshot(4, [sock(1), sock(4)]));
    await vi.waitFor(() => expect(useStore.getState().seq).toBe(5));
    expect([...useStore.getState().table.keys()].sort()).toEqual(['k1', 'k4', 'k5']);
  });

  it('shows a failed subscribe as a toast', async () => {
    vi.useFakeTimers();
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'COLLECTOR_FAILED', message: 'restarting' } });
    await useStore.getState().subscribe();
    expect(useStore.getState().ready).toBe(false);
    const toast = useStore.getState().toasts.at(-1);
    expect(toast?.kind === 'error' && toast.error.code).toBe('COLLECTOR_FAILED');
    vi.useRealTimers();
  });
});
