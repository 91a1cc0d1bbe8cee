// One snapshot and nothing kept: for one-shot answers (a cold `list`), where a core with its monitor, collector host
// and running diff would cost more than the answer itself. The same platform collector the app runs, closed after.
import { firstKeys, firstTableSlices, type SocketSlices } from '../../../shared/logic/diff';
import { AppError, toErrorData } from '../../../shared/model/errors';
import type { Snapshot } from '../../../shared/model/snapshot';
import type { RawSocket } from '../../../shared/model/socket';
import { createPlatform } from '../platform/index';
import type { Platform } from '../platform/platform';

/** A one-shot table: the snapshot's facts, and its sockets made a slice at a time (see firstTableSlices). */
export interface OneShotTable {
  readonly snap: Omit<Snapshot, 'sockets'>;
  readonly sockets: SocketSlices;
}

/**
 * The table as the kernel has it now, the sockets `wanted` keeps: what a fresh core's `sockets:snapshot` answers
 * (every socket first seen now, ages from the kernel's clock where it has one, keys as in the whole table), without
 * a table to diff against later. A collector failure is COLLECTOR_FAILED with the collector's reason, as core
 * reports it.
 */
export function tableOnce(
  wanted: (s: RawSocket) => boolean = () => true,
  platform: Platform = createPlatform(),
): OneShotTable {
  const collector = platform.createSocketCollector({ once: true });
  try {
    const snap = collector.snapshot();
    const keyOf = firstKeys(snap.sockets);
    const raw: RawSocket[] = [];
    /** Per socket kept, its index in the whole table (whose keys it has). */
    const whole: number[] = [];
    for (let i = 0; i < snap.sockets.length; i++) {
      if (!wanted(snap.sockets[i])) continue;
      raw.push(snap.sockets[i]);
      whole.push(i);
    }
    return {
      snap: {
        seq: 0,
        takenAt: snap.takenAt,
        processes: snap.processes,
        source: snap.source,
        ownerVisibility: snap.ownerVisibility,
        hiddenOwners: snap.hiddenOwners,
      },
      sockets: firstTableSlices(raw, (i) => keyOf(whole[i]), snap.takenAt),
    };
  } catch (e) {
    throw e instanceof AppError ? e : new AppError('COLLECTOR_FAILED', toErrorData(e).message);
  } finally {
    collector.close();
  }
}
