// A report of a recorded past: the table at a time, history over a recorded window, the diagnosis of that table.
import os from 'node:os';
import { compileFilter } from '../../../shared/logic/filter';
import { assertFilter } from '../../../shared/logic/filter-check';
import { keyedError } from '../../../shared/logic/input-error';
import { buildReport } from '../../../shared/logic/report/build-report';
import type { Report } from '../../../shared/logic/report/report-types';
import type { ReportExportRequest } from '../../../shared/model/report';
import type { CoreServices } from '../services';
import { serviceTable } from '../tools/service-names';
import { isElevated } from '../platform/elevation';
import { checkWindow, pastDiagnosis, pastTable, pastWindowStats } from './timeline-handlers';

/** Points of the window's timeline, as a live report draws it. */
const TIMELINE_POINTS = 240;

/** True when a report request asks for the past (`at`, or `since` with `until`). */
export function wantsPast(req: Pick<ReportExportRequest, 'at' | 'since' | 'until'>): boolean {
  return req.at !== null || req.since !== null || req.until !== null;
}

/**
 * The report of the recorded table at `at` (or `until`), with history over `since`..`until` when both are given.
 * Interfaces are left out: they are this host's now, not the recording's then.
 */
export async function gatherPastReport(s: CoreServices, req: Omit<ReportExportRequest, 'format'>): Promise<Report> {
  if (req.filter) assertFilter(req.filter.text);
  if ((req.since === null) !== (req.until === null)) {
    const [given, missing] = req.since === null ? ['until', 'since'] : ['since', 'until'];
    throw keyedError('timelineUi.error.bothTimes', { given, missing });
  }
  if (req.since !== null && req.until !== null) checkWindow(req.since, req.until);
  const at = req.at ?? req.until ?? Date.now();
  const { table, stats, info } = s.timeline.read((r, host) => ({
    table: pastTable(r, at, host),
    stats: req.since !== null && req.until !== null ? pastWindowStats(r, req.since, req.until, TIMELINE_POINTS) : null,
    info: r.info(),
  }));
  const pass = req.filter ? compileFilter(req.filter.text, req.filter.toggles) : null;
  const sockets = pass ? table.sockets.filter(pass) : table.sockets;
  const diagnosis = await pastDiagnosis(s, at);
  const hidden = table.sockets.filter((x) => x.pid === null && (x.inode ?? 0) > 0).length;
  const local = s.timeline.isLocal;
  return buildReport({
    now: Date.now(),
    version: s.info.version,
    language: req.language,
    host: {
      hostname: table.host,
      platform: info.platform,
      release: local ? os.release() : '?',
      arch: local ? process.arch : '?',
    },
    privileges: {
      elevated: local && isElevated(),
      ownerVisibility: hidden > 0 ? 'partial' : 'all',
      hiddenOwners: hidden,
    },
    sockets,
    totalSockets: table.sockets.length,
    processes: table.processes,
    takenAt: table.tickAt,
    filter: req.filter,
    series: stats ? { ...stats.series, window: 'recorded' } : null,
    transitions: stats ? stats.transitions : null,
    diagnosis,
    interfaces: [],
    services: serviceTable(),
  });
}
