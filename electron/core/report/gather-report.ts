// Gathers a report's inputs from core's live state (or the CLI's sampler) and builds the document.
import os from 'node:os';
import { compileFilter } from '../../../shared/logic/filter';
import { assertFilter } from '../../../shared/logic/filter-check';
import { buildReport } from '../../../shared/logic/report/build-report';
import type { Report } from '../../../shared/logic/report/report-types';
import type { Diagnosis } from '../../../shared/model/finding';
import type { StatsSeries, StatsTransitions, StatsWindow } from '../../../shared/model/history';
import type { ReportExportRequest } from '../../../shared/model/report';
import type { Snapshot } from '../../../shared/model/snapshot';
import type { Socket } from '../../../shared/model/socket';
import { serviceTable } from '../tools/service-names';
import { readInterfaces } from './interfaces';

/** Where the report's facts come from. */
export interface ReportSources {
  readonly version: string;
  snapshot(): Promise<Snapshot>;
  series(window: StatsWindow, maxPoints: number, now: number): StatsSeries;
  transitions(window: StatsWindow, now: number): StatsTransitions;
  diagnose(sockets: readonly Socket[], takenAt: number): Promise<Diagnosis>;
  privileges(): { elevated: boolean; ownerVisibility: 'all' | 'partial'; hiddenOwners: number };
}

/** Points of the window's timeline: enough for a smooth line, few enough to keep the file small. */
const TIMELINE_POINTS = 240;

/** The report for `req` as of now. */
export async function gatherReport(src: ReportSources, req: Omit<ReportExportRequest, 'format'>): Promise<Report> {
  // A term the syntax does not know would silently match nothing (or everything): refuse it, naming it.
  if (req.filter) assertFilter(req.filter.text);
  const snap = await src.snapshot();
  const pass = req.filter ? compileFilter(req.filter.text, req.filter.toggles) : null;
  const sockets = pass ? snap.sockets.filter(pass) : snap.sockets;
  // Diagnosis reads the whole table: a filter narrows what is listed, not what is true of the host.
  const diagnosis = await src.diagnose(snap.sockets, snap.takenAt);
  const now = snap.takenAt + 1;
  const series = req.window ? src.series(req.window, TIMELINE_POINTS, now) : null;
  return buildReport({
    now: Date.now(),
    version: src.version,
    language: req.language,
    host: { hostname: os.hostname(), platform: process.platform, release: os.release(), arch: process.arch },
    privileges: src.privileges(),
    sockets,
    totalSockets: snap.sockets.length,
    processes: snap.processes,
    takenAt: snap.takenAt,
    filter: req.filter,
    series,
    transitions: req.window ? src.transitions(req.window, now) : null,
    diagnosis,
    interfaces: readInterfaces(),
    services: serviceTable(),
  });
}
