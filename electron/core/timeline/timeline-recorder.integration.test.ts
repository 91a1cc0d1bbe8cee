// A recorder in a real child process: read from this process while it writes (WAL), kill it with SIGKILL, then
// check that every tick it acknowledged is there, the file opens, and its stale lock is taken over.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTimelineReader } from './timeline-reader';
import { openTimelineWriter } from './timeline-writer';
import { buildRecorderChild } from './test-support/child-build';
import { SyntheticTicks, copyTable } from './test-support/synthetic-ticks';
import { removeTempDirs, tempDir } from './test-support/temp-files';
import type { RecordedSocket } from './timeline-types';

let childScript = '';
const children: ChildProcess[] = [];
beforeAll(async () => {
  childScript = await buildRecorderChild();
}, 60_000);
afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  removeTempDirs();
});

const SEED = 5;
const STEADY = 400;
const CHURN = 60;
const sorted = (xs: Iterable<RecordedSocket>) => [...xs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

/** Starts the recorder child; `lines` fills with what it prints, `acked` with the tick times it committed. */
function startRecorder(file: string) {
  const child = spawn(process.execPath, [childScript, file, String(SEED), String(STEADY), String(CHURN), '100'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const acked: number[] = [];
  let buffered = '';
  child.stdout?.on('data', (d: Buffer) => {
    buffered += d.toString();
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const l of lines) if (l.startsWith('tick ')) acked.push(Number(l.slice(5)));
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once('exit', (_code, signal) => resolve(signal)),
  );
  return { child, acked, exited };
}

async function until<T>(f: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('a recorder in another process', () => {
  it('is read live while it writes, loses nothing it acknowledged to kill -9, and its lock is taken over', async () => {
    const file = path.join(tempDir(), 'rec.db');
    const rec = startRecorder(file);
    // The same seeded generator here gives the tables the child recorded, tick by tick.
    const twin = new SyntheticTicks({ steady: STEADY, churnPerSecond: CHURN, seed: SEED });
    const tables = new Map<number, Map<string, RecordedSocket>>();
    const twinUpTo = (t: number) => {
      while (tables.size === 0 || Math.max(...tables.keys()) < t) {
        const tick = twin.next();
        tables.set(tick.takenAt, copyTable(twin.table));
      }
    };
    await until(() => (rec.acked.length >= 1 ? true : undefined));
    const reader = openTimelineReader(file);
    // Read while the child goes on writing: every answer is a whole, committed tick.
    const seen = new Set<number>();
    while (rec.acked.length < 30) {
      const range = reader.range();
      if (range) {
        const at = reader.tableAt(range.to);
        twinUpTo(at.tickAt);
        expect(sorted(at.sockets)).toEqual(sorted(tables.get(at.tickAt)?.values() ?? []));
        seen.add(at.tickAt);
      }
      await new Promise((r) => setTimeout(r, 35));
    }
    // The reader followed the recorder: it saw many different ticks, not one frozen snapshot.
    expect(seen.size).toBeGreaterThan(10);
    const pid = rec.child.pid;
    rec.child.kill('SIGKILL');
    expect(await rec.exited).toBe('SIGKILL');
    const lastAcked = rec.acked.at(-1) as number;

    // Every acknowledged tick survived (at most the one being written when it died is lost), and each rebuilds.
    const after = openTimelineReader(file);
    const range = after.range();
    expect(range?.to).toBeGreaterThanOrEqual(lastAcked);
    twinUpTo(range?.to ?? 0);
    for (const t of rec.acked.filter((_, i) => i % 4 === 0).concat(lastAcked)) {
      expect(sorted(after.tableAt(t).sockets)).toEqual(sorted(tables.get(t)?.values() ?? []));
    }
    expect(after.info().writer).toMatchObject({ pid, host: 'child-host', clean: false });
    after.close();
    reader.close();

    // The dead recorder's lock is free: a new recorder takes over and says whom it recovered from.
    const w = openTimelineWriter(file, { host: 'parent-host' });
    expect(w.recoveredFrom).toMatchObject({ pid, host: 'child-host' });
    const next = twin.next();
    w.writeTick({ ...next, takenAt: (range?.to ?? 0) + 1000 });
    expect(w.status().recording).toBe(true);
    w.close();
    const final = openTimelineReader(file);
    expect(final.range()?.to).toBe((range?.to ?? 0) + 1000);
    expect(sorted(final.tableAt((range?.to ?? 0) + 1000).sockets)).toEqual(sorted(twin.table.values()));
    final.close();
  });

  it('refuses a second recorder while the first runs, naming its pid and host', async () => {
    const file = path.join(tempDir(), 'rec.db');
    const rec = startRecorder(file);
    await until(() => (rec.acked.length >= 2 ? true : undefined));
    expect(() => openTimelineWriter(file)).toThrow(`pid ${rec.child.pid} on child-host since`);
    rec.child.kill('SIGTERM');
    await rec.exited;
    const w = openTimelineWriter(file);
    // A clean stop is not a recovery.
    expect(w.recoveredFrom).toBeNull();
    w.close();
  });
});
