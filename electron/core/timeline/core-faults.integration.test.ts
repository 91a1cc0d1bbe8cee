// Core's recorder on a file it cannot write: a path it cannot create, and a disk that fills up while it records.
// Recording pauses with its reason pushed as timeline:status while the live table keeps answering, and a full disk
// resumes by itself once space is freed. As root, the disk test mounts its own 64 MiB tmpfs (filled up by the test,
// room after for a keyframe of a large table) and unmounts it after.
import { closeSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../shared/contract';
import type { Core } from '../app-core';
import { waitFor } from '../../test-support/net-fixtures';
import { disposeRecordingCores, recordingCore } from './test-support/recording-core';
import { removeTempDirs, tempDir } from './test-support/temp-files';
import { mountTmpfs, unmountTmpfs } from './test-support/tmpfs';

type Status = EventPayload<'timeline:status'>;
afterAll(() => {
  disposeRecordingCores();
  unmountTmpfs();
  removeTempDirs();
});

/** A recording core and every timeline:status it pushed. */
function recordingCoreWithStatus(file: string): { core: Core; pushed: Status[] } {
  const core = recordingCore(file);
  const pushed: Status[] = [];
  core.subscribe({ id: 'status', send: (e, p) => void (e === 'timeline:status' && pushed.push(p as Status)) }, [
    'timeline:status',
  ]);
  return { core, pushed };
}

/** Writes zeros into `file` until the file system refuses (ENOSPC). */
function fillUp(file: string): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

describe('recording where the file cannot be written', () => {
  it('pauses with the reason when the path cannot be created, and the live table goes on', async () => {
    const blocker = path.join(tempDir(), 'not-a-folder');
    writeFileSync(blocker, 'a file where the folder should be');
    const file = path.join(blocker, 'timeline.sqlite');
    const { core, pushed } = recordingCoreWithStatus(file);
    const live = await core.call('sockets:snapshot', {});
    expect(live.sockets.length).toBeGreaterThan(0);
    const st = await core.call('timeline:status', {});
    expect(st).toMatchObject({ source: 'recorder', enabled: true, recording: false, file });
    expect(st.paused).toMatchObject({ reason: 'unwritable', key: 'timeline.paused.unwritable' });
    expect(st.paused?.message).toContain('The live view goes on');
    expect(pushed.some((s) => s.paused?.reason === 'unwritable')).toBe(true);
    // Ticks go on and are counted as not written; the past says there is nothing to read, not a crash.
    await waitFor(async () => ((await core.call('timeline:status', {})).paused?.droppedTicks ?? 0) > 2 || undefined);
    expect((await core.call('sockets:snapshot', {})).takenAt).toBeGreaterThan(live.takenAt);
    await expect(core.call('timeline:at', { at: Date.now() })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  const fs = mountTmpfs('64m');
  if (!fs.dir) console.log(`disk-full recording test skipped: ${fs.why}`);
  it.skipIf(!fs.dir)(
    'pauses on a full disk, keeps the live table, and resumes once space is freed',
    async () => {
      const dir = fs.dir as string;
      const file = path.join(dir, 'timeline.sqlite');
      const { core, pushed } = recordingCoreWithStatus(file);
      await waitFor(async () => (await core.call('timeline:status', {})).range ?? undefined, 20_000);
      const filler = path.join(dir, 'filler');
      fillUp(filler);
      const paused = await waitFor(async () => {
        const s = await core.call('timeline:status', {});
        return s.paused?.reason === 'disk-full' ? s : undefined;
      }, 20_000);
      expect(paused.recording).toBe(false);
      expect(paused.paused?.message).toContain('is full');
      expect(pushed.some((s) => s.paused?.reason === 'disk-full')).toBe(true);
      const lastGood = paused.range?.to as number;
      // The live view is not held up by the recorder.
      const before = (await core.call('collector:status', {})).lastTakenAt ?? 0;
      await waitFor(async () => ((await core.call('collector:status', {})).lastTakenAt ?? 0) > before || undefined);
      rmSync(filler);
      const resumed = await waitFor(async () => {
        const s = await core.call('timeline:status', {});
        return s.recording && (s.range?.to ?? 0) > lastGood ? s : undefined;
      }, 20_000);
      expect(resumed.paused).toBeNull();
      // What was recorded before the pause is still there.
      expect((await core.call('timeline:at', { at: lastGood })).tickAt).toBe(lastGood);
      const info = await core.call('timeline:info', {});
      expect(info.gaps[0]).toMatchObject({ from: lastGood, reason: 'disk-full' });
    },
    90_000,
  );
});
