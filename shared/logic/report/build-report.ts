// Builds the report document from what core knows: the (filtered) table, history, diagnosis and host facts.
import type { UiLanguage } from '../../i18n/index';
import { translate } from '../../i18n/translate';
import type { Diagnosis, Severity } from '../../model/finding';
import type { StatsSeries, StatsTransitions, TransitionGroup } from '../../model/history';
import { SOCKET_STATES, type ProcessInfo, type Socket } from '../../model/socket';
import type { FilterToggles } from '../filter';
import { socketService, type ServiceTable } from '../services';
import { pickFields, SOCKET_TABLE_FIELDS } from '../socket-fields';
import {
  REPORT_SCHEMA,
  type Report,
  type ReportInterface,
  type ReportProcess,
  type ReportSocket,
  type StateCount,
  type WindowCount,
} from './report-types';

/** History over the report's window: a live window (`10m` ...) or a recorded one (named `recorded`). */
export type ReportSeries = Omit<StatsSeries, 'window'> & { readonly window: string };
/** Transition totals over the report's window. */
export type ReportTransitions = Omit<StatsTransitions, 'window'>;

/** Everything a report is made of; gathered by core (or the CLI), so building stays pure. */
export interface ReportInput {
  /** When the report is made (ms since epoch). */
  readonly now: number;
  readonly version: string;
  readonly language: UiLanguage;
  readonly host: {
    readonly hostname: string;
    readonly platform: string;
    readonly release: string;
    readonly arch: string;
  };
  readonly privileges: Report['privileges'];
  /** The sockets to report (after the filter, when one applies). */
  readonly sockets: readonly Socket[];
  /** Sockets on the host before the filter. */
  readonly totalSockets: number;
  readonly processes: readonly ProcessInfo[];
  /** When the table was taken (ms since epoch). */
  readonly takenAt: number;
  readonly filter: null | { readonly text: string; readonly toggles: FilterToggles };
  /** History over the window, or null for a snapshot-only report. */
  readonly series: ReportSeries | null;
  readonly transitions: ReportTransitions | null;
  readonly diagnosis: Diagnosis;
  readonly interfaces: readonly ReportInterface[];
  readonly services: ServiceTable;
}

/** Most processes in the "top processes" table. */
const TOP_PROCESSES = 20;
/** Most groups per transition breakdown. */
const TOP_GROUPS = 10;
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { ok: 0, warning: 1, critical: 2 };
const iso = (ms: number): string => new Date(ms).toISOString();

function reportSocket(s: Socket, services: ServiceTable): ReportSocket {
  const m = s.metrics;
  return {
    ...pickFields(s, SOCKET_TABLE_FIELDS),
    service: socketService(services, s),
    stateSince: s.stateSince,
    stateSinceSource: s.stateSinceSource,
    stateSinceExact: s.stateSinceExact,
    recvQueue: s.recvQueue,
    sendQueue: s.sendQueue,
    rttMs: m?.rttMs ?? null,
    retransmits: m?.retransmits ?? null,
    bytesSent: m?.bytesSent ?? null,
    bytesReceived: m?.bytesReceived ?? null,
  };
}

/** Sockets per protocol and state (both families summed, as `ss -tan` counts them), in state order. */
export function countStates(
  sockets: readonly { readonly proto: 'tcp' | 'udp'; readonly state: string }[],
): StateCount[] {
  const counts = new Map<string, number>();
  for (const s of sockets) counts.set(`${s.proto} ${s.state}`, (counts.get(`${s.proto} ${s.state}`) ?? 0) + 1);
  const out: StateCount[] = [];
  for (const proto of ['tcp', 'udp'] as const) {
    for (const state of SOCKET_STATES) {
      const count = counts.get(`${proto} ${state}`);
      if (count) out.push({ proto, state, count });
    }
  }
  return out;
}

function windowCounts(s: ReportSeries): WindowCount[] {
  return s.series
    .map((series, i) => {
      const values = s.points.map((p) => p.counts[i] ?? 0);
      const sum = values.reduce((a, b) => a + b, 0);
      return {
        series,
        last: values.at(-1) ?? 0,
        mean: values.length ? Math.round((sum / values.length) * 10) / 10 : 0,
        min: values.length ? Math.min(...values) : 0,
        max: values.length ? Math.max(...values) : 0,
      };
    })
    .filter((c) => c.max > 0);
}

function timeline(s: ReportSeries): NonNullable<Report['timeline']> {
  const series: Record<string, number[]> = {};
  s.series.forEach((id, i) => {
    const values = s.points.map((p) => Math.round((p.counts[i] ?? 0) * 10) / 10);
    if (values.some((v) => v > 0)) series[id] = values;
  });
  return { t: s.points.map((p) => p.t), series };
}

function groups(gs: readonly TransitionGroup[]) {
  return gs.slice(0, TOP_GROUPS).map((g) => ({ group: g.group, total: g.total, transitions: g.transitions }));
}

/** Processes by socket count, largest first; sockets without a visible owner grouped under pid null. */
export function topProcesses(sockets: readonly Socket[], processes: readonly ProcessInfo[]): ReportProcess[] {
  const byPid = new Map<
    number | null,
    {
      sockets: number;
      listening: Set<number>;
      states: Record<string, number>;
      name: string | null;
      user: string | null;
    }
  >();
  const info = new Map(processes.map((p) => [p.pid, p]));
  for (const s of sockets) {
    let e = byPid.get(s.pid);
    if (!e) {
      const p = s.pid === null ? undefined : info.get(s.pid);
      e = { sockets: 0, listening: new Set(), states: {}, name: p?.name ?? s.process, user: p?.user ?? s.user };
      byPid.set(s.pid, e);
    }
    e.sockets++;
    e.states[s.state] = (e.states[s.state] ?? 0) + 1;
    if (s.state === 'LISTEN' || (s.proto === 'udp' && s.state === 'UNCONN')) e.listening.add(s.localPort);
  }
  return [...byPid.entries()]
    .map(([pid, e]) => ({
      pid,
      name: pid === null ? null : e.name,
      user: pid === null ? null : e.user,
      sockets: e.sockets,
      listening: [...e.listening].sort((a, b) => a - b).slice(0, 20),
      states: e.states,
    }))
    .sort((a, b) => b.sockets - a.sockets || (a.pid ?? -1) - (b.pid ?? -1))
    .slice(0, TOP_PROCESSES);
}

/** The report document for `input`. */
export function buildReport(input: ReportInput): Report {
  const tr = (key: string, params?: Readonly<Record<string, string | number>>) =>
    translate(input.language, key, params);
  const d = input.diagnosis;
  const findings = d.findings.map((f) => ({
    id: f.id,
    rule: f.rule,
    severity: f.severity,
    title: tr(f.titleKey, f.titleParams),
    titleKey: f.titleKey,
    evidence: f.evidence.map((e) => tr(e.key, e.params)),
    recommendation: tr(f.recommendationKey, f.titleParams),
    recommendationKey: f.recommendationKey,
    socketKeys: f.socketKeys,
  }));
  const bySeverity: Record<Severity, number> = { ok: 0, warning: 0, critical: 0 };
  let status: Severity = 'ok';
  for (const f of findings) {
    bySeverity[f.severity]++;
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[status]) status = f.severity;
  }
  const pids = new Set(input.sockets.map((s) => s.pid).filter((p) => p !== null));
  const { series, transitions: t } = input;
  return {
    schema: REPORT_SCHEMA,
    generatedAt: iso(input.now),
    generator: { name: 'netinspect', version: input.version },
    language: input.language,
    host: {
      hostname: input.host.hostname,
      os: { platform: input.host.platform, release: input.host.release, arch: input.host.arch },
    },
    privileges: input.privileges,
    window: series
      ? {
          name: series.window,
          from: iso(series.points[0]?.t ?? input.takenAt),
          to: iso(input.takenAt),
          resolutionMs: series.resolutionMs,
          tickIntervalMs: series.tickIntervalMs,
        }
      : null,
    filter: input.filter,
    summary: {
      status,
      sockets: input.sockets.length,
      totalSockets: input.totalSockets,
      processes: pids.size,
      findings: bySeverity,
    },
    snapshot: { takenAt: iso(input.takenAt), sockets: input.sockets.map((s) => reportSocket(s, input.services)) },
    stateCounts: { snapshot: countStates(input.sockets), window: series ? windowCounts(series) : [] },
    transitions: t
      ? {
          opened: t.opened,
          closed: t.closed,
          total: t.total,
          byProcess: groups(t.byProcess),
          byRemote: groups(t.byRemote),
        }
      : null,
    timeline: series ? timeline(series) : null,
    findings,
    kernel: {
      readable: d.kernelReadable,
      settings: d.kernel.map((k) => ({
        name: k.name,
        value: k.value,
        present: k.present,
        explanation: tr(k.explanationKey),
      })),
      ephemeralRange: d.ephemeralRange,
    },
    interfaces: input.interfaces,
    topProcesses: topProcesses(input.sockets, input.processes),
  };
}
