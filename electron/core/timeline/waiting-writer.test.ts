// A recorder pointed at a folder that does not exist yet: paused with a warning, then recording once it exists.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pauseReasonOf } from './timeline-errors';
import { openTimelineReader } from './timeline-reader';
import { SyntheticTicks, copyTable } from './test-support/synthetic-ticks';
import { removeTempDirs, tempDir } from './test-support/temp-files';
import { openTimelineRecorder } from './waiting-writer';
import type { RecordedSocket } from './timeline-types';

afterEach(removeTempDirs);
const sorted = (xs: Iterable<RecordedSocket>) => [...xs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

describe('openTimelineRecorder', () => {
  it('waits, paused and never throwing, until the file can be created, then records the whole table', async () => {
    const folder = path.join(tempDir(), 'not-yet');
    const file = path.join(folder, 'rec.db');
    const w = openTimelineRecorder(file, { retryMs: 0 });
    expect(w.status()).toMatchObject({
      recording: false,
      paused: { reason: 'unwritable', key: 'timeline.paused.unwritable' },
    });
    expect(w.status().paused?.message).toContain(file);
    const g = new SyntheticTicks({ steady: 30, churnPerSecond: 5 });
    // Ticks without `table`: the recorder rebuilds it from the deltas it saw while waiting.
    const strip = () => {
      const { table: _table, ...rest } = g.next();
      return rest;
    };
    for (let i = 0; i < 3; i++) expect(() => w.writeTick(strip())).not.toThrow();
    expect(w.status().paused?.droppedTicks).toBe(3);
    mkdirSync(folder);
    const tick = strip();
    w.writeTick(tick);
    const expected = copyTable(g.table);
    expect(w.status()).toMatchObject({ recording: true, paused: null, ticksWritten: 1 });
    w.close();
    const r = openTimelineReader(file);
    const at = r.tableAt(tick.takenAt);
    expect(sorted(at.sockets)).toEqual(sorted(expected.values()));
    expect(at.processes.length).toBeGreaterThan(0);
    r.close();
  });
});

describe('pauseReasonOf', () => {
  it('tells a full disk from a file that cannot be written from anything else', () => {
    expect(pauseReasonOf({ code: 'SQLITE_FULL' })).toBe('disk-full');
    expect(pauseReasonOf({ code: 'ENOSPC' })).toBe('disk-full');
    expect(pauseReasonOf({ code: 'SQLITE_READONLY' })).toBe('unwritable');
    expect(pauseReasonOf({ code: 'SQLITE_IOERR_WRITE' })).toBe('unwritable');
    expect(pauseReasonOf({ code: 'EROFS' })).toBe('unwritable');
    expect(pauseReasonOf({ code: 'SQLITE_BUSY' })).toBe('failed');
    expect(pauseReasonOf(new Error('x'))).toBe('failed');
  });
});
