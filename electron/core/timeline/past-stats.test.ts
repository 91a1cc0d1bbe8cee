// Stats over a recorded window equal what live history answers over the same ticks: churn, transition totals,
// the by-process and by-remote breakdowns, and per-state counts; a traced tick keeps its source.
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HistoryStore } from '../history/history-store';
import { cellOf } from '../../../shared/logic/history/series-index';
import { sock } from '../../../shared/test-support/sockets';
import type { Socket } from '../../../shared/model/socket';
import type { MonitorTick } from '../socket-monitor';
import { countsOf, recordedTick, transitionsOf, CHURN_OPENED } from './monitor-tick-record';
import { pastStats } from './past-stats';
import { openTimelineReader } from './timeline-reader';
import { openTimelineWriter } from './timeline-writer';
import { removeTempDirs, tempDir } from './test-support/temp-files';

afterAll(removeTempDirs);

const T0 = 1_800_000_000_000;

/** A monitor tick from a delta against `table` (mutated to the new table). */
function tick(
  table: Map<string, Socket>,
  at: number,
  added: Socket[],
  removed: string[],
  changed: Socket[],
): MonitorTick {
  for (const k of removed) table.delete(k);
  for (const s of [...added, ...changed]) table.set(s.key, s);
  return {
    added,
    removed,
    changed,
    processes: [],
    takenAt: at,
    table,
    events: { closed: [], transitions: [], failedConnects: [] } as unknown as MonitorTick['events'],
    stats: {} as MonitorTick['stats'],
  };
}

describe('a recorded window', () => {
  it('gives the churn, transitions, breakdowns and counts live history gave', () => {
    const history = new HistoryStore(() => 1000);
    const file = path.join(tempDir(), 'r.sqlite');
    const w = openTimelineWriter(file, { keyframeEveryMs: 5000 });
    const table = new Map<string, Socket>();
    const listener = sock({ state: 'LISTEN', localPort: 8080, remotePort: 0, remoteAddress: '0.0.0.0', pid: 7 });
    const conns = Array.from({ length: 12 }, (_, i) =>
      sock({ localPort: 41000 + i, remotePort: 8080, pid: i % 3 === 0 ? 5 : 6, process: i % 3 === 0 ? 'a' : 'b' }),
    );
    const steps: [Socket[], string[], Socket[]][] = [
      [[listener], [], []],
      [conns.slice(0, 6), [], []],
      [conns.slice(6), [], [{ ...conns[0], state: 'CLOSE_WAIT' } as Socket]],
      [[], [conns[1].key, conns[2].key], [{ ...conns[3], state: 'TIME_WAIT', pid: null, process: null } as Socket]],
      [[], [conns[0].key, conns[3].key], []],
      [[], [], []],
    ];
    steps.forEach(([a, r, c], i) => {
      const t = tick(table, T0 + i * 1000, a, r, c);
      const sample = history.record(t, t.takenAt);
      w.writeTick(recordedTick(t, [], sample, false));
    });
    w.close();
    const now = T0 + steps.length * 1000;
    const live = history.transitionsFor('60s', now);

    const r = openTimelineReader(file);
    const ticks = r.ticksBetween(T0, now);
    const past = pastStats(
      ticks,
      r.ticksBetween(T0, now, { detail: true }),
      { since: T0, until: now, breakdownSince: T0 },
      100,
    );
    r.close();

    expect(past.transitions.opened).toBe(live.opened);
    expect(past.transitions.closed).toBe(live.closed);
    expect(past.transitions.opened).toBe(12);
    expect(past.transitions.total).toEqual(live.total);
    expect(past.transitions.byProcess).toEqual(live.byProcess);
    expect(past.transitions.byRemote).toEqual(live.byRemote);
    expect(past.transitions.transitions).toBe('observed');
    // One point per 1 s tick: the last one's counts are the final table's.
    const last = past.series.points.at(-1);
    const at = (id: string) => last?.counts[past.series.series.indexOf(id)] ?? 0;
    expect(at('tcp4:LISTEN')).toBe(1);
    expect(at('tcp4:ESTABLISHED')).toBe(table.size - 1);
    expect(at('tcp4:CLOSE_WAIT')).toBe(0);
    expect(past.series.tickIntervalMs).toBe(1000);
  });

  it('merges ticks into whole-second points, each the mean of its ticks', () => {
    const summaries = [0, 250, 500, 750, 1000].map((dt, i) => ({
      t: T0 + dt,
      socketCount: i,
      counts: { 'tcp4:ESTABLISHED': i, [CHURN_OPENED]: 1 },
      added: 0,
      removed: 0,
      changed: 0,
      closed: 0,
      transitions: [{ from: 'NEW', to: 'ESTABLISHED', source: 'trace' as const, count: 1 }],
    }));
    const s = pastStats(summaries, [], { since: T0, until: T0 + 1999, breakdownSince: T0 }, 10);
    expect(s.series.resolutionMs).toBe(1000);
    const idx = s.series.series.indexOf('tcp4:ESTABLISHED');
    expect(s.series.points.map((p) => [p.samples, p.counts[idx], p.opened])).toEqual([
      [4, 1.5, 4],
      [1, 4, 1],
    ]);
    expect(s.series.transitions).toBe('trace');
    expect(s.transitions.opened).toBe(5);
  });
});

describe('a monitor tick as recorded', () => {
  it('keeps each transition with its owner, remote end and source, and the churn beside the counts', () => {
    const history = new HistoryStore(() => 1000);
    const table = new Map<string, Socket>();
    history.record(tick(table, T0, [sock({ localPort: 1 })], [], []), T0);
    const c = sock({ localPort: 2, pid: 9, process: 'srv' });
    const sample = history.record(tick(table, T0 + 1000, [c], [], []), T0 + 1000);
    expect(transitionsOf(sample, false)).toEqual([
      { from: 'NEW', to: 'ESTABLISHED', source: 'observed', pid: 9, process: 'srv', remote: '127.0.0.1:8080' },
    ]);
    // Traced, only a timewait expiry comes from the table.
    const expiry = { cell: cellOf('TIME_WAIT', 'GONE'), pid: null, process: null, remote: '127.0.0.1:8080' };
    const traced = { ...sample, events: [...sample.events, expiry] };
    expect(transitionsOf(traced, true).map((x) => x.source)).toEqual(['trace', 'observed']);
    expect(countsOf(sample)).toEqual({ 'tcp4:ESTABLISHED': 2, [CHURN_OPENED]: 1 });
  });
});
