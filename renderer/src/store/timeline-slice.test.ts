// The timeline slice against a scripted host (the bridge is the process boundary): the past replaces the live
// table, a drag fetches only the newest time, a refusal keeps the view, back to live wins over late answers, and a
// followed recording's newest tick stands for live.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordingStatus } from '../../../shared/model/timeline';
import { sock } from '../../../shared/test-support/sockets';

const invoke = vi.fn();
vi.mock('../api', async () => (await import('./api-mock')).apiMock((...a) => invoke(...a), 'browser'));

const { useStore } = await import('./index');
const { shownTable } = await import('./timeline-slice');

const status = (over: Partial<RecordingStatus> = {}): RecordingStatus => ({
  source: 'recorder',
  file: '/tmp/t.sqlite',
  host: 'here',
  enabled: true,
  recording: true,
  paused: null,
  error: null,
  sizeBytes: 1000,
  range: { from: 1000, to: 9000 },
  readOnly: false,
  ticksWritten: 8,
  recoveredFrom: null,
  ...over,
});

const pastAt = (at: number, port: number) => ({
  ok: true,
  value: {
    at,
    tickAt: at,
    gap: null,
    host: 'here',
    sockets: [sock({ localPort: port, key: `k${port}` })],
    processes: [],
  },
});

/** Answers `timeline:at` only when released, to order answers as a slow core would. */
function deferredAt() {
  const pending: { at: number; resolve: (v: unknown) => void }[] = [];
  invoke.mockImplementation((channel: string, req: { at?: number }) => {
    if (channel === 'timeline:at') return new Promise((resolve) => pending.push({ at: req.at ?? 0, resolve }));
    return Promise.resolve({ ok: true, value: { series: [], points: [], resolutionMs: 1000 } });
  });
  return pending;
}

beforeEach(() => {
  invoke.mockReset();
  useStore.setState({
    recording: null,
    viewingAt: null,
    past: null,
    strip: null,
    table: new Map([['live', sock({ key: 'live' })]]),
  });
});

describe('timeline slice', () => {
  it('shows the table recorded at a time in place of the live one, and back to live', async () => {
    invoke.mockImplementation((channel: string) =>
      Promise.resolve(
        channel === 'timeline:at' ? pastAt(5000, 1) : { ok: false, error: { code: 'INTERNAL', message: '' } },
      ),
    );
    useStore.setState({ recording: status() });
    await useStore.getState().viewAt(5000);
    const s = useStore.getState();
    expect(s.viewingAt).toBe(5000);
    expect([...shownTable(s).keys()]).toEqual(['k1']);
    s.backToLive();
    expect(useStore.getState().viewingAt).toBeNull();
    expect([...shownTable(useStore.getState()).keys()]).toEqual(['live']);
  });

  it('while dragging, asks only for the newest time once the answer in flight arrives', async () => {
    const pending = deferredAt();
    useStore.setState({ recording: status() });
    const first = useStore.getState().viewAt(2000);
    void useStore.getState().viewAt(3000);
    const last = useStore.getState().viewAt(4000);
    expect(pending.map((p) => p.at)).toEqual([2000]);
    pending[0]?.resolve(pastAt(2000, 2));
    await vi.waitFor(() => expect(pending.map((p) => p.at)).toEqual([2000, 4000]));
    pending[1]?.resolve(pastAt(4000, 4));
    await Promise.all([first, last]);
    expect([...shownTable(useStore.getState()).keys()]).toEqual(['k4']);
  });

  it('drops an answer that arrives after back to live', async () => {
    const pending = deferredAt();
    useStore.setState({ recording: status() });
    const asked = useStore.getState().viewAt(2000);
    useStore.getState().backToLive();
    pending[0]?.resolve(pastAt(2000, 2));
    await asked;
    expect(useStore.getState().past).toBeNull();
    expect(useStore.getState().viewingAt).toBeNull();
  });

  it('keeps the view it had when core refuses a time, and says why', async () => {
    useStore.setState({ recording: status(), toasts: [] });
    invoke.mockResolvedValueOnce(pastAt(5000, 5));
    await useStore.getState().viewAt(5000);
    invoke.mockResolvedValueOnce({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'covers …', key: 'timeline.error.outOfRange' },
    });
    await useStore.getState().viewAt(10);
    const s = useStore.getState();
    expect(s.viewingAt).toBe(5000);
    expect([...shownTable(s).keys()]).toEqual(['k5']);
    expect(s.toasts.at(-1)).toMatchObject({ kind: 'error', error: { key: 'timeline.error.outOfRange' } });
  });

  it('shows a followed recording at its newest tick, without marking it as a time chosen', async () => {
    const pending = deferredAt();
    useStore
      .getState()
      .receiveTimelineStatus(status({ source: 'follow', readOnly: true, range: { from: 1000, to: 7000 } }));
    expect(pending.map((p) => p.at)).toEqual([7000]);
    pending[0]?.resolve(pastAt(7000, 7));
    await vi.waitFor(() => expect(useStore.getState().past?.following).toBe(true));
    expect(useStore.getState().viewingAt).toBeNull();
    expect([...shownTable(useStore.getState()).keys()]).toEqual(['k7']);
  });
});
