// The Connections log slice: merging polls after the newest id, a gap, a core that started over, failures.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClosedLog } from '../../../shared/model/connections';
import { closedConnection } from '../../../shared/test-support/closed-connections';

// The host transport is the boundary: no core runs inside a unit test, so its answers are scripted here.
const invoke = vi.fn();
vi.mock('../api', async () => (await import('./api-mock')).apiMock((...a) => invoke(...a)));

const { useStore } = await import('./index');
const { mergeClosed } = await import('./connections-slice');

const entries = (...ids: number[]) => ids.map((id) => closedConnection({ id, localPort: 40000 + id }));
const answer = (total: number, ...ids: number[]): ClosedLog => ({
  entries: entries(...ids),
  total,
  source: 'kernel',
  fallbackReason: null,
  lost: 0,
  perSecond: [],
});
const ok = (value: unknown) => ({ ok: true, value });

describe('mergeClosed', () => {
  it('puts what closed since on top, newest first, bounded', () => {
    expect(mergeClosed(entries(2, 1), 2, answer(4, 4, 3), 10)?.map((e) => e.id)).toEqual([4, 3, 2, 1]);
    expect(mergeClosed(entries(2, 1), 2, answer(4, 4, 3), 3)?.map((e) => e.id)).toEqual([4, 3, 2]);
    expect(mergeClosed(entries(2, 1), 2, answer(2), 10)?.map((e) => e.id)).toEqual([2, 1]);
  });

  it('replaces the log when more closed than one answer holds, rather than show it with a hole', () => {
    expect(mergeClosed(entries(2, 1), 2, answer(9, 9, 8), 2)?.map((e) => e.id)).toEqual([9, 8]);
  });

  it('asks for a reload when core started over (fewer closes than before, or ids that began again)', () => {
    expect(mergeClosed(entries(5, 4), 5, answer(2), 10)).toBeNull();
    expect(mergeClosed(entries(5, 4), 5, answer(7), 10)).toBeNull();
  });
});

describe('loadClosed', () => {
  beforeEach(() => {
    invoke.mockReset();
    useStore.setState({ closed: [], closedFacts: null, closedError: null });
  });

  it('polls after the newest id held and reloads from the start when core restarted', async () => {
    invoke.mockResolvedValueOnce(ok(answer(2, 2, 1)));
    await useStore.getState().loadClosed();
    expect(invoke).toHaveBeenLastCalledWith('connections:closed', { afterId: -1, limit: 10_000 });
    expect(useStore.getState().closed.map((e) => e.id)).toEqual([2, 1]);
    expect(useStore.getState().closedFacts?.total).toBe(2);
    invoke.mockResolvedValueOnce(ok(answer(1))).mockResolvedValueOnce(ok(answer(1, 1)));
    await useStore.getState().loadClosed();
    expect(invoke.mock.calls.map((c) => (c[1] as { afterId: number }).afterId)).toEqual([-1, 2, -1]);
    expect(useStore.getState().closed.map((e) => e.localPort)).toEqual([40001]);
  });

  it('keeps the entries and says why when a poll fails', async () => {
    invoke.mockResolvedValueOnce(ok(answer(1, 1)));
    await useStore.getState().loadClosed();
    invoke.mockResolvedValueOnce({ ok: false, error: { code: 'TIMEOUT', message: 'slow' } });
    await useStore.getState().loadClosed();
    expect(useStore.getState().closed).toHaveLength(1);
    expect(useStore.getState().closedError?.code).toBe('TIMEOUT');
  });
});
