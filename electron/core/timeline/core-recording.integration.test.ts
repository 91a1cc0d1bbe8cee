// Core records every tick of its real collector: each table rebuilt from the file equals the one the monitor
// produced at that tick, stats over the recording equal live history's, and the past answers every channel.
import type net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { applyDelta } from '../../../shared/logic/diff';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { Socket } from '../../../shared/model/socket';
import type { Core } from '../app-core';
import type { Client } from '../client';
import { connect, listen, portOf } from '../../test-support/net-fixtures';
import { disposeRecordingCores, recordingCore } from './test-support/recording-core';
import { removeTempDirs, tempDir } from './test-support/temp-files';

const open: (net.Server | net.Socket)[] = [];
afterAll(() => {
  disposeRecordingCores();
  for (const o of open) {
    if ('destroy' in o) o.destroy();
    else o.close();
  }
  removeTempDirs();
});

/** JSON as the wire carries it, keys sorted by socket key: what "the same table" means. */
const canonical = (sockets: Iterable<Socket>) =>
  JSON.parse(JSON.stringify([...sockets].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)))) as unknown;

type Pair = { readonly from: string; readonly to: string; readonly count: number };
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Follows the monitor through sockets:subscribe: a copy of its table after every delta, by the tick's time. */
async function followTables(core: Core): Promise<Map<number, Socket[]>> {
  const tables = new Map<number, Socket[]>();
  const table = new Map<string, Socket>();
  const client: Client = {
    id: 'table-follower',
    send: <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event !== 'sockets:delta') return;
      const d = payload as EventPayload<'sockets:delta'>;
      applyDelta(table, d);
      tables.set(d.takenAt, [...table.values()]);
    },
  };
  const snap = await core.call('sockets:subscribe', {}, client);
  for (const s of snap.sockets) table.set(s.key, s);
  tables.set(snap.takenAt, [...snap.sockets]);
  return tables;
}

describe('core recording its own ticks', () => {
  it('rebuilds every tick exactly as the monitor had it, and answers the past on every channel', async () => {
    const file = path.join(tempDir(), 'timeline.sqlite');
    const core = recordingCore(file);
    const tables = await followTables(core);
    // Sockets come and go between ticks: listeners, connections, closes (TIME_WAIT on our side).
    for (let i = 0; i < 6; i++) {
      const server = await listen();
      open.push(server);
      const client = await connect(portOf(server));
      open.push(client);
      await pause(300);
      if (i % 2 === 0) {
        client.destroy();
        server.close();
      }
    }
    await pause(600);
    // No tick from here on: live history and the recording cover exactly the same ticks.
    await core.call('collector:set-paused', { paused: true });
    await pause(400);
    const status = await core.call('timeline:status', {});
    expect(status).toMatchObject({ source: 'recorder', enabled: true, recording: true, paused: null, file });
    expect(status.sizeBytes).toBeGreaterThan(0);
    const range = status.range as { from: number; to: number };

    // Every delta the monitor pushed (and the first table) is a tick whose rebuilt table is that very table.
    const times = [...tables.keys()].filter((t) => t <= range.to);
    expect(times.length).toBeGreaterThan(5);
    for (const t of times) {
      const past = await core.call('timeline:at', { at: t });
      expect(past.tickAt).toBe(t);
      expect(canonical(past.sockets)).toEqual(canonical(tables.get(t) ?? []));
      // Every owner of a recorded socket comes with its process.
      const pids = new Set(past.processes.map((p) => p.pid));
      for (const s of past.sockets) if (s.pid !== null) expect(pids.has(s.pid)).toBe(true);
    }

    // The Connections log's closes are recorded with the tick they closed in: the same ones the live log has.
    const tupleOf = (c: { localPort: number; remotePort: number; closedAt: number }) =>
      `${c.localPort}>${c.remotePort}@${c.closedAt}`;
    const pastClosed = await core.call('timeline:closed', { since: range.from, until: range.to, limit: 1000 });
    const liveClosed = await core.call('connections:closed', {});
    expect(pastClosed.entries.length).toBeGreaterThan(0);
    expect(pastClosed.entries.map(tupleOf).sort()).toEqual(liveClosed.entries.map(tupleOf).sort());

    // Stepping walks tick by tick; at the ends there is nothing further.
    const second = await core.call('timeline:step', { from: range.from, direction: 'next' });
    expect(second.at).toBeGreaterThan(range.from);
    expect(await core.call('timeline:step', { from: second.at as number, direction: 'previous' })).toEqual({
      at: range.from,
    });
    expect(await core.call('timeline:step', { from: range.from, direction: 'previous' })).toEqual({ at: null });

    // Churn and transitions over the whole recording equal live history's over the same ticks (its 1 s points
    // over the last 10 minutes cover them all).
    const past = await core.call('timeline:stats', { since: range.from, until: range.to, maxPoints: 1000 });
    const live = await core.call('stats:series', { window: '10m', maxPoints: 1000 });
    const sum = (pts: readonly { opened: number; closed: number; transitions: readonly Pair[] }[]) => {
      const pairs: Record<string, number> = {};
      for (const p of pts)
        for (const x of p.transitions) pairs[`${x.from}>${x.to}`] = (pairs[`${x.from}>${x.to}`] ?? 0) + x.count;
      return { opened: pts.reduce((a, p) => a + p.opened, 0), closed: pts.reduce((a, p) => a + p.closed, 0), pairs };
    };
    expect(past.transitions.opened).toBeGreaterThanOrEqual(6);
    expect(sum(past.series.points)).toEqual(sum(live.points));
    expect({ opened: past.transitions.opened, closed: past.transitions.closed }).toEqual({
      opened: sum(live.points).opened,
      closed: sum(live.points).closed,
    });
    // The last tick's per-state counts are those of the table the monitor had then.
    const end = await core.call('timeline:stats', { since: range.to, until: range.to });
    const lastTable = tables.get(Math.max(...times)) ?? [];
    const expected: Record<string, number> = {};
    for (const s of lastTable)
      expected[`${s.proto}${s.family}:${s.state}`] = (expected[`${s.proto}${s.family}:${s.state}`] ?? 0) + 1;
    const got: Record<string, number> = {};
    end.series.series.forEach((id, i) => {
      const n = end.series.points[0]?.counts[i] ?? 0;
      if (n) got[id] = n;
    });
    expect(got).toEqual(expected);

    // Diagnosis and a report of a past instant read the table recorded then.
    const at = times[Math.floor(times.length / 2)] as number;
    const d = await core.call('diagnosis:findings', { at });
    expect(d.takenAt).toBe(at);
    const built = await core.call('report:export', { format: 'json', at, since: range.from, until: at });
    const parts: string[] = [];
    for (let index = 0; index < built.chunks; index++) {
      parts.push((await core.call('report:chunk', { exportId: built.exportId, index })).data);
    }
    const report = JSON.parse(parts.join('')) as { snapshot: { sockets: unknown[] }; window: { name: string } };
    expect(report.snapshot.sockets).toHaveLength(tables.get(at)?.length ?? -1);
    expect(report.window.name).toBe('recorded');

    // A time outside the recording is refused with the range that exists.
    await expect(core.call('timeline:at', { at: range.from - 60_000 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      key: 'timeline.error.outOfRange',
    });
    await expect(core.call('timeline:at', { at: range.from - 60_000 })).rejects.toThrow(/this recording covers/);
  });

  it('stops and resumes recording with the record setting, pushing the status each time', async () => {
    const file = path.join(tempDir(), 'timeline.sqlite');
    const core = recordingCore(file);
    const pushed: EventPayload<'timeline:status'>[] = [];
    core.subscribe({ id: 'status-watch', send: (e, p) => e === 'timeline:status' && pushed.push(p as never) }, [
      'timeline:status',
    ]);
    await core.call('sockets:snapshot', {});
    await pause(800);
    await core.call('settings:set', { record: false });
    const off = await core.call('timeline:status', {});
    expect(off).toMatchObject({ enabled: false, recording: false });
    expect(pushed.at(-1)).toMatchObject({ enabled: false, recording: false });
    const frozen = off.range?.to as number;
    await pause(800);
    // Nothing more was written while off; the past stays readable.
    expect((await core.call('timeline:status', {})).range?.to).toBe(frozen);
    expect((await core.call('timeline:at', { at: frozen })).tickAt).toBe(frozen);
    await core.call('settings:set', { record: true });
    await pause(800);
    const on = await core.call('timeline:status', {});
    expect(on).toMatchObject({ enabled: true, recording: true });
    expect(on.range?.to).toBeGreaterThan(frozen);
  });
});
