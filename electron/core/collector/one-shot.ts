// One snapshot and nothing kept: for one-shot answers (a cold `list`), where a core with its monitor, collector host
// and running diff would cost more than the answer itself. The same platform collector the app runs, closed after.
import { firstTable } from '../../../shared/logic/diff';
import { AppError, toErrorData } from '../../../shared/model/errors';
import type { Snapshot } from '../../../shared/model/snapshot';
import { createPlatform } from '../platform/index';
import type { Platform } from '../platform/platform';

/**
 * The table as the kernel has it now: what a fresh core's `sockets:snapshot` answers (every socket first seen now,
 * ages from the kernel's clock where it has one), without a table to diff against later. A collector failure is
 * COLLECTOR_FAILED with the collector's reason, as core reports it.
 */
export function snapshotOnce(platform: Platform = createPlatform()): Snapshot {
  const collector = platform.createSocketCollector({ once: true });
  try {
    const snap = collector.snapshot();
    return {
      seq: 0,
      takenAt: snap.takenAt,
      sockets: firstTable(snap.sockets, snap.takenAt),
      processes: snap.processes,
      source: snap.source,
      ownerVisibility: snap.ownerVisibility,
      hiddenOwners: snap.hiddenOwners,
    };
  } catch (e) {
    throw e instanceof AppError ? e : new AppError('COLLECTOR_FAILED', toErrorData(e).message);
  } finally {
    collector.close();
  }
}
