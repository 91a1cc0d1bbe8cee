// Every metric netinspect exports: name, type, help, labels and the most series it can have, in one table.
import { TCP_STATES } from '../../../shared/model/socket';
import { RULES, SEVERITIES } from '../../../shared/model/finding';
import { TRANSITION_FROM, TRANSITION_TO } from '../../../shared/model/history';
import { NUMBER_SOURCES } from './metrics-source';

/** Label value of the bucket that sums everything beyond the top N. */
export const OTHER = 'other';
/** Label value for a process netinspect cannot see (another user's, or the kernel's). */
export const UNKNOWN_PROCESS = '?';
/** Top N when none is given, and the range allowed. */
export const DEFAULT_TOP_N = 10;
export const MAX_TOP_N = 500;

/** Upper bounds (s) of the collector refresh histogram: 5 ms to 10 s covers an idle laptop to 40k+ sockets. */
export const REFRESH_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Socket (proto, family, state) combinations the model counts: TCP's states twice, UDP's two states twice. */
const SOCKET_SERIES = TCP_STATES.length * 2 + 2 * 2;
/** States a closed connection can end in: every TCP state but LISTEN. */
const FINAL_STATES = TCP_STATES.length - 1;
/** Transition sources: 'observed' and 'trace' (the kernel clocks give ages, not transitions). */
const TRANSITION_SOURCES = 2;

/** One metric: what it is and the most series it exposes at once with top N = `n`. */
export interface MetricSpec {
  readonly name: string;
  readonly type: 'gauge' | 'counter' | 'histogram';
  /** HELP text. English on purpose: it is part of the exposition format, which must not vary by host locale. */
  readonly help: string;
  readonly labels: readonly string[];
  readonly bound: (n: number) => number;
}

const spec = (
  name: string,
  type: MetricSpec['type'],
  labels: readonly string[],
  bound: (n: number) => number,
  help: string,
): MetricSpec => ({ name, type, labels, bound, help });

/** The catalogue, in the order docs/metrics.md lists it. */
export const METRICS = {
  sockets: spec(
    'netinspect_sockets',
    'gauge',
    ['proto', 'family', 'state'],
    () => SOCKET_SERIES,
    'Sockets by protocol, address family and state (every combination, zeros included).',
  ),
  closed: spec(
    'netinspect_connections_closed_total',
    'counter',
    ['final_state', 'source'],
    () => FINAL_STATES * NUMBER_SOURCES.length,
    'TCP connections (not listeners) that ended, by the last state they were in and where that state came from.',
  ),
  opened: spec(
    'netinspect_connections_opened_total',
    'counter',
    ['source'],
    () => TRANSITION_SOURCES,
    'TCP connections (not listeners) that appeared.',
  ),
  transitions: spec(
    'netinspect_state_transitions_total',
    'counter',
    ['from', 'to', 'source'],
    () => TRANSITION_FROM.length * TRANSITION_TO.length * TRANSITION_SOURCES,
    'TCP state transitions; NEW is a socket not there before, GONE one that went. Observed ones merge steps between refreshes.',
  ),
  closeWait: spec(
    'netinspect_close_wait_sockets',
    'gauge',
    ['process'],
    (n) => n + 1,
    'TCP sockets in CLOSE_WAIT (the peer closed, the process has not) per process name, top N, the rest as "other".',
  ),
  closeWaitAge: spec(
    'netinspect_close_wait_oldest_age_seconds',
    'gauge',
    ['process', 'source'],
    (n) => n + 1,
    'Age of the oldest CLOSE_WAIT socket per process name (same processes as netinspect_close_wait_sockets).',
  ),
  timeWait: spec(
    'netinspect_time_wait_sockets',
    'gauge',
    ['remote'],
    (n) => n + 1,
    'TCP sockets in TIME_WAIT per remote endpoint, top N, the rest as "other".',
  ),
  ephemeralUsage: spec(
    'netinspect_ephemeral_port_usage_ratio',
    'gauge',
    ['local_address', 'remote'],
    (n) => n,
    'Share of the ephemeral port range used towards one remote endpoint from one local address, top N.',
  ),
  ephemeralPorts: spec(
    'netinspect_ephemeral_port_range_ports',
    'gauge',
    [],
    () => 1,
    'Ports in the ephemeral range that can be handed out (excluded ranges taken off).',
  ),
  listenQueued: spec(
    'netinspect_listen_queue_length',
    'gauge',
    ['address', 'port'],
    (n) => n,
    'Connections waiting for accept() on a listening address and port, top N by fill.',
  ),
  listenBacklog: spec(
    'netinspect_listen_queue_backlog',
    'gauge',
    ['address', 'port'],
    (n) => n,
    'Accept queue size (min of the backlog and somaxconn) of a listening address and port.',
  ),
  listenFill: spec(
    'netinspect_listen_queue_fill_ratio',
    'gauge',
    ['address', 'port'],
    (n) => n,
    'Accept queue length divided by its size; at 1 the kernel drops new connections.',
  ),
  synReceived: spec(
    'netinspect_syn_received_sockets',
    'gauge',
    ['port'],
    (n) => n + 1,
    'Half-open TCP connections (SYN_RECEIVED) per local port, top N, the rest as "other".',
  ),
  retransmits: spec(
    'netinspect_tcp_retransmitted_segments_total',
    'counter',
    ['process'],
    (n) => n + 1,
    'TCP segments retransmitted (tcp_info) per process name, top N, the rest as "other".',
  ),
  bytesSent: spec(
    'netinspect_tcp_sent_bytes_total',
    'counter',
    ['process'],
    (n) => n + 1,
    'TCP payload bytes sent (tcp_info) per process name, top N, the rest as "other".',
  ),
  bytesReceived: spec(
    'netinspect_tcp_received_bytes_total',
    'counter',
    ['process'],
    (n) => n + 1,
    'TCP payload bytes received (tcp_info) per process name, top N, the rest as "other".',
  ),
  findings: spec(
    'netinspect_findings',
    'gauge',
    ['rule', 'severity'],
    () => RULES.length * SEVERITIES.length,
    'Diagnosis findings now, by rule and severity (every combination, zeros included).',
  ),
  finding: spec(
    'netinspect_finding',
    'gauge',
    ['rule', 'severity', 'id'],
    (n) => n,
    "One diagnosis finding (value 1), worst first, top N; id is the finding's stable subject.",
  ),
  diagnosisTime: spec(
    'netinspect_diagnosis_timestamp_seconds',
    'gauge',
    [],
    () => 1,
    'When the table the findings come from was taken (Unix time); the rules run between scrapes.',
  ),
  refresh: spec(
    'netinspect_collector_refresh_duration_seconds',
    'histogram',
    [],
    () => REFRESH_BUCKETS.length + 3,
    'Time the collector took for one refresh of the socket table.',
  ),
  lastRefresh: spec(
    'netinspect_collector_last_refresh_timestamp_seconds',
    'gauge',
    [],
    () => 1,
    'When the collector last refreshed the table (Unix time).',
  ),
  restarts: spec(
    'netinspect_collector_restarts_total',
    'counter',
    [],
    () => 1,
    'Times the collector process was restarted after dying.',
  ),
  hiddenOwners: spec(
    'netinspect_sockets_hidden_owner',
    'gauge',
    [],
    () => 1,
    "Sockets whose owning process netinspect could not see (another user's, or out of reach).",
  ),
  maxTimeWait: spec(
    'netinspect_kernel_tcp_max_tw_buckets',
    'gauge',
    [],
    () => 1,
    'net.ipv4.tcp_max_tw_buckets: TIME_WAIT sockets the kernel keeps at most (absent where unknown).',
  ),
  build: spec('netinspect_build_info', 'gauge', ['version', 'platform'], () => 1, 'netinspect build facts (value 1).'),
} as const satisfies Record<string, MetricSpec>;

/** Most series one scrape can hold with top N = `n` (the documented cardinality bound). */
export function seriesBound(n: number): number {
  return Object.values(METRICS).reduce((sum, m) => sum + m.bound(n), 0);
}
