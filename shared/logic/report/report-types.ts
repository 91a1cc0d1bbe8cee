// The report document `netinspect.report/1`: what every export format is rendered from (docs/report-schema.json).
import type { Severity } from '../../model/finding';
import type { FilterToggles } from '../filter';

/** Schema id written into every JSON report. */
export const REPORT_SCHEMA = 'netinspect.report/1';

/** One socket row of the report, flattened for tables and CSV. */
export interface ReportSocket {
  readonly proto: 'tcp' | 'udp';
  readonly family: 4 | 6;
  readonly localAddress: string;
  readonly localPort: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly state: string;
  readonly pid: number | null;
  readonly process: string | null;
  readonly user: string | null;
  /** IANA service name the socket speaks, or null. */
  readonly service: string | null;
  /** When it entered its state (ms since epoch), or null when unknown. */
  readonly stateSince: number | null;
  /** Where stateSince comes from: a kernel clock, a traced transition, or polling (a lower bound of the age). */
  readonly stateSinceSource: 'kernel' | 'trace' | 'observed';
  /** False when the age is a lower bound. */
  readonly stateSinceExact: boolean;
  readonly recvQueue: number | null;
  readonly sendQueue: number | null;
  /** Smoothed RTT (ms), or null. */
  readonly rttMs: number | null;
  readonly retransmits: number | null;
  /** Bytes sent and received over the connection's life (bytes), or null. */
  readonly bytesSent: number | null;
  readonly bytesReceived: number | null;
}

/** Sockets of one protocol in one state at snapshot time. */
export interface StateCount {
  readonly proto: 'tcp' | 'udp';
  readonly state: string;
  readonly count: number;
}

/** One history series (`tcp4:ESTABLISHED`) over the window: counts per tick, summarised. */
export interface WindowCount {
  readonly series: string;
  readonly last: number;
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** A transition count (`ESTABLISHED` -> `TIME_WAIT`). */
export interface ReportTransition {
  readonly from: string;
  readonly to: string;
  readonly count: number;
}

/** Transitions of one process or remote endpoint. */
export interface ReportTransitionGroup {
  readonly group: string;
  readonly total: number;
  readonly transitions: readonly ReportTransition[];
}

/** A diagnosis finding, translated, with the keys kept for machines. */
export interface ReportFinding {
  readonly id: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly title: string;
  readonly titleKey: string;
  readonly evidence: readonly string[];
  readonly recommendation: string;
  readonly recommendationKey: string;
  readonly socketKeys: readonly string[];
}

/** One process with its socket count and states, for the "top processes" table. */
export interface ReportProcess {
  readonly pid: number | null;
  readonly name: string | null;
  readonly user: string | null;
  readonly sockets: number;
  readonly listening: readonly number[];
  readonly states: Readonly<Record<string, number>>;
}

/** One network interface and its addresses. */
export interface ReportInterface {
  readonly name: string;
  readonly addresses: readonly {
    readonly family: 4 | 6;
    readonly address: string;
    readonly cidr: string | null;
    readonly mac: string | null;
    readonly internal: boolean;
  }[];
}

/** The whole report. */
export interface Report {
  readonly schema: typeof REPORT_SCHEMA;
  /** ISO 8601 time the report was made. */
  readonly generatedAt: string;
  readonly generator: { readonly name: 'netinspect'; readonly version: string };
  readonly language: string;
  readonly host: {
    readonly hostname: string;
    readonly os: { readonly platform: string; readonly release: string; readonly arch: string };
  };
  readonly privileges: {
    readonly elevated: boolean;
    readonly ownerVisibility: 'all' | 'partial';
    readonly hiddenOwners: number;
  };
  readonly window: null | {
    readonly name: string;
    readonly from: string;
    readonly to: string;
    readonly resolutionMs: number;
    readonly tickIntervalMs: number;
  };
  readonly filter: null | { readonly text: string; readonly toggles: FilterToggles };
  readonly summary: {
    readonly status: Severity;
    readonly sockets: number;
    /** Sockets on the host before the filter. */
    readonly totalSockets: number;
    readonly processes: number;
    readonly findings: Readonly<Record<Severity, number>>;
  };
  readonly snapshot: { readonly takenAt: string; readonly sockets: readonly ReportSocket[] };
  readonly stateCounts: { readonly snapshot: readonly StateCount[]; readonly window: readonly WindowCount[] };
  readonly transitions: null | {
    readonly opened: number;
    readonly closed: number;
    readonly total: readonly ReportTransition[];
    readonly byProcess: readonly ReportTransitionGroup[];
    readonly byRemote: readonly ReportTransitionGroup[];
  };
  /** Per-point state counts over the window, for charts: times (ms since epoch) and one array per series. */
  readonly timeline: null | {
    readonly t: readonly number[];
    readonly series: Readonly<Record<string, readonly number[]>>;
  };
  readonly findings: readonly ReportFinding[];
  readonly kernel: {
    readonly readable: boolean;
    readonly settings: readonly {
      readonly name: string;
      readonly value: string | null;
      readonly present: boolean;
      readonly explanation: string;
    }[];
    readonly ephemeralRange: {
      readonly low: number;
      readonly high: number;
      readonly excluded: number;
      readonly source: string;
    };
  };
  readonly interfaces: readonly ReportInterface[];
  readonly topProcesses: readonly ReportProcess[];
}
