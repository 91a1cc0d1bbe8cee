// The one contract between core and every front door: request channels and pushed events, with zod schemas.
import { z } from 'zod';
import { errorDataSchema } from './model/errors';
import { settingsSchema } from './model/settings';
import { collectorStatusSchema, snapshotSchema, socketDeltaSchema } from './model/snapshot';
import {
  closeResultSchema,
  connectionSchema,
  killRequestSchema,
  killResultSchema,
  pidSchema,
  processDetailsSchema,
} from './model/actions';
import { elevateRequestSchema, privilegeStatusSchema } from './model/privilege';
import {
  statsSeriesRequestSchema,
  statsSeriesSchema,
  statsTransitionsSchema,
  statsWindowSchema,
} from './model/history';
import { closedLogRequestSchema, closedLogSchema } from './model/connections';
import { diagnosisSchema } from './model/finding';
import { processTrafficListSchema } from './model/processes';
import { resolvedSchema, resolveRequestSchema } from './model/hosts';
import { alertLogSchema, alertSchema, watchListSchema } from './model/alerts';
import {
  adapterListSchema,
  createAdapterRequestSchema,
  createAdapterResultSchema,
  removeAdapterRequestSchema,
  removeAdapterResultSchema,
} from './model/adapters';
import {
  bindTestRequestSchema,
  bindTestResultSchema,
  scanProgressSchema,
  scanRequestSchema,
  scanStartedSchema,
  whoRequestSchema,
  whoResultSchema,
} from './model/tools';
import {
  reportChunkRequestSchema,
  reportChunkSchema,
  reportExportRequestSchema,
  reportExportResultSchema,
} from './model/report';
import {
  pastClosedRequestSchema,
  pastClosedSchema,
  pastStatsRequestSchema,
  pastStatsSchema,
  pastTableSchema,
  recordingStatusSchema,
  stepRequestSchema,
  timelineInfoSchema,
} from './model/timeline';

const empty = z.object({}).strict();

/** Names of the pushed events (declared below), for requests that pick some. */
const EVENT_NAMES = [
  'sockets:delta',
  'collector:status',
  'settings:changed',
  'privilege:status',
  'alert:raised',
  'alert:cleared',
  'scan:progress',
  'hosts:resolved',
  'app:command',
  'timeline:status',
] as const;
const eventListSchema = z.object({ events: z.array(z.enum(EVENT_NAMES)).max(EVENT_NAMES.length) }).strict();

/** Every request channel: `domain:verb` -> request and response schemas. */
export const channels = {
  /** The whole current table, without subscribing. */
  'sockets:snapshot': { request: empty, response: snapshotSchema },
  /** Start receiving `sockets:delta` (and `collector:status`); answers with the table the deltas apply to. */
  'sockets:subscribe': { request: empty, response: snapshotSchema },
  /** Stop receiving `sockets:delta`. */
  'sockets:unsubscribe': { request: empty, response: z.object({ subscribed: z.literal(false) }) },
  /**
   * Start receiving these pushed events (`sockets:delta` needs `sockets:subscribe`, which answers the table it
   * applies to); answers every event this front end now receives. `scan:progress` goes to a scan's caller only.
   */
  'events:subscribe': { request: eventListSchema, response: eventListSchema },
  /** Stop receiving these events; answers what this front end still receives. */
  'events:unsubscribe': { request: eventListSchema, response: eventListSchema },
  /** Collector health: source, interval, last duration, errors, owner visibility. */
  'collector:status': { request: empty, response: collectorStatusSchema },
  /** Pause or resume live refresh. */
  'collector:set-paused': {
    request: z.object({ paused: z.boolean() }).strict(),
    response: collectorStatusSchema,
  },
  'settings:get': { request: empty, response: settingsSchema },
  /** Changes some settings; answers with all of them as stored. */
  'settings:set': { request: settingsSchema.partial().strict(), response: settingsSchema },
  /** A process's details and every socket it holds. ESRCH when it is gone. */
  'process:details': { request: z.object({ pid: pidSchema }).strict(), response: processDetailsSchema },
  /**
   * Ends a process: SIGTERM, then SIGKILL after a grace period when forced (Windows: TerminateProcess). Refuses
   * pid 0/1 (Windows 0/4), kernel threads and netinspect's own processes (REFUSED); ESRCH when already exited;
   * NEEDS_ELEVATION when it belongs to another user and no helper runs.
   */
  'process:kill': { request: killRequestSchema, response: killResultSchema },
  /**
   * Closes one TCP connection without touching its process (SOCK_DESTROY / SetTcpEntry): exactly the socket at those
   * endpoints, looked up first. INVALID_INPUT for remote port 0 or an unspecified remote address; ESRCH when no
   * connection is at those endpoints; REFUSED for a listener, an unconnected socket or one of netinspect's own.
   */
  'socket:close': { request: connectionSchema, response: closeResultSchema },
  /** Whether netinspect is elevated, and the privileged helper's state. */
  'privilege:status': { request: empty, response: privilegeStatusSchema },
  /** Starts the privileged helper through the OS's elevation prompt (once); later actions reuse it. */
  'privilege:elevate': { request: elevateRequestSchema, response: privilegeStatusSchema },
  /** Sockets per state over a window, with churn and transitions per point (observed at tick resolution). */
  'stats:series': { request: statsSeriesRequestSchema, response: statsSeriesSchema },
  /** Transition totals over a window, broken down by process and by remote endpoint. */
  'stats:transitions': {
    request: z.object({ window: statsWindowSchema }).strict(),
    response: statsTransitionsSchema,
  },
  /**
   * Diagnosis rules over the current table, the kernel settings explainer and the ephemeral range; with `at`
   * (ms since epoch), over the table recorded then (INVALID_INPUT naming the recorded range when outside it).
   */
  'diagnosis:findings': { request: z.object({ at: z.number().optional() }).strict(), response: diagnosisSchema },
  /** Watched ports, alert thresholds and the alerts active now. */
  'watch:list': { request: empty, response: watchListSchema },
  /** Watches a port's listener (persisted); INVALID_INPUT beyond the maximum. */
  'watch:add': { request: z.object({ port: z.number().int().min(1).max(65535) }).strict(), response: watchListSchema },
  /** Stops watching a port; its alert, if any, clears. */
  'watch:remove': {
    request: z.object({ port: z.number().int().min(1).max(65535) }).strict(),
    response: watchListSchema,
  },
  /** Alerts raised and cleared so far (bounded, newest last). */
  'alert:log': { request: empty, response: alertLogSchema },
  /** Every network interface: kind, state, MAC, MTU, addresses, TUN/TAP facts and byte counters. */
  'adapter:list': { request: empty, response: adapterListSchema },
  /** Creates a persistent TAP/TUN adapter (checked field by field); NEEDS_ELEVATION without CAP_NET_ADMIN. */
  'adapter:create': { request: createAdapterRequestSchema, response: createAdapterResultSchema },
  /** Removes a TAP/TUN adapter; anything else is REFUSED, an unknown name ESRCH, one held open REFUSED naming who. */
  'adapter:remove': { request: removeAdapterRequestSchema, response: removeAdapterResultSchema },
  /** Every socket bound to a local port (TCP, UDP or both; every family), with the processes holding them. */
  'tools:who': { request: whoRequestSchema, response: whoResultSchema },
  /** Tries to bind a port (released at once) and explains the outcome: free, in use and by whom, TIME_WAIT ... */
  'tools:bind-test': { request: bindTestRequestSchema, response: bindTestResultSchema },
  /** Starts a TCP connect scan of one host; results arrive as `scan:progress` events to the caller only. */
  'tools:scan': { request: scanRequestSchema, response: scanStartedSchema },
  /** Stops a running scan; its last `scan:progress` says cancelled. */
  'tools:scan-cancel': {
    request: z.object({ scanId: z.string().min(1).max(64) }).strict(),
    response: z.object({ cancelled: z.boolean() }),
  },
  /**
   * The Connections log: connections closed since core started, newest first (bounded), each with its owner, bytes,
   * duration and final state; every one when the kernel's destroy events are on, else those a refresh found gone.
   */
  'connections:closed': { request: closedLogRequestSchema, response: closedLogSchema },
  /**
   * Traffic per process (rates over the last refresh, bytes since seen, sockets by state, remote hosts), processes
   * that stopped holding sockets kept a while, the row of hidden owners, and the top destinations.
   */
  'processes:traffic': { request: empty, response: processTrafficListSchema },
  /**
   * Host names of remote addresses: the hosts file, then reverse DNS in the background (only public addresses
   * unless private ones are allowed). Answers the names known within `waitMs`; later ones arrive as `hosts:resolved`.
   */
  'hosts:resolve': { request: resolveRequestSchema, response: resolvedSchema },
  /**
   * Builds a report (JSON, HTML, CSV or text) in core; fetch its content with `report:chunk`. INVALID_INPUT for a
   * filter term the syntax does not know (checkFilter in shared/logic/filter-check.ts), rather than a silent miss.
   */
  'report:export': { request: reportExportRequestSchema, response: reportExportResultSchema },
  /** One chunk of a built report, in order; the last one frees it. */
  'report:chunk': { request: reportChunkRequestSchema, response: reportChunkSchema },
  /** The recorder's state (recording, paused and why, size, range) and which recording the past comes from. */
  'timeline:status': { request: empty, response: recordingStatusSchema },
  /** The recording's facts: host, range, size, row counts, gaps. INVALID_INPUT when there is no recording. */
  'timeline:info': { request: empty, response: timelineInfoSchema },
  /**
   * The table as it was at `at` (ms since epoch): the last tick at or before it, rebuilt from its keyframe.
   * INVALID_INPUT naming the recorded range for a time outside it.
   */
  'timeline:at': { request: z.object({ at: z.number() }).strict(), response: pastTableSchema },
  /** The tick just before or after `from` (ms since epoch), or null at either end of the recording. */
  'timeline:step': { request: stepRequestSchema, response: z.object({ at: z.number().nullable() }) },
  /** Connections closed in a recorded window, oldest first (bounded). */
  'timeline:closed': { request: pastClosedRequestSchema, response: pastClosedSchema },
  /** What `stats:series` and `stats:transitions` answer, for a recorded window. */
  'timeline:stats': { request: pastStatsRequestSchema, response: pastStatsSchema },
  /** Facts about the host the renderer talks to. */
  'app:info': {
    request: empty,
    response: z.object({
      version: z.string(),
      platform: z.string(),
      host: z.enum(['electron', 'browser', 'cli']),
      /** The OS language (BCP 47) core sees, for 'system' language. */
      locale: z.string(),
    }),
  },
} as const;

/** Every pushed event -> payload schema. */
export const events = {
  'sockets:delta': socketDeltaSchema,
  'collector:status': collectorStatusSchema,
  'settings:changed': settingsSchema,
  'privilege:status': privilegeStatusSchema,
  /** An alert condition began (or a one-shot alert, which arrives with clearedAt set). */
  'alert:raised': alertSchema,
  /** An active alert's condition ended. */
  'alert:cleared': alertSchema,
  /** Progress of a port scan, to the front end that started it: new results at most a few times a second. */
  'scan:progress': scanProgressSchema,
  /** Names found for remote addresses since the last push (misses too, with name null), batched. */
  'hosts:resolved': resolvedSchema,
  /** A command from the window's native menu (Electron), for the renderer to carry out. */
  'app:command': z.object({ command: z.enum(['export-report']) }),
  /** The recorder's state changed (recording, paused, size, range), or another recording was opened. */
  'timeline:status': recordingStatusSchema,
} as const satisfies Record<(typeof EVENT_NAMES)[number], z.ZodType>;

/** Channels the privileged helper accepts (each validated by the same schemas); everything else is refused. */
export const PRIVILEGED_CHANNELS = ['process:kill', 'socket:close', 'adapter:create', 'adapter:remove'] as const;

export type Channel = keyof typeof channels;
export type EventName = keyof typeof events;
export type Request<C extends Channel> = z.input<(typeof channels)[C]['request']>;
export type Response<C extends Channel> = z.output<(typeof channels)[C]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** Every channel name, in declaration order. */
export const CHANNELS = Object.keys(channels) as Channel[];
/** Every event name. */
export const EVENTS = Object.keys(events) as EventName[];

/** True when `name` is a channel of the contract. */
export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(channels, name);
}

/** True when `name` is an event of the contract. */
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** The wire form of a Result, for validating what comes back over a transport. */
export function resultSchema<T extends z.ZodType>(value: T) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: errorDataSchema }),
  ]);
}

/** Messages of the browser-mode WebSocket (and the privileged helper): client -> server. */
export const wireRequestSchema = z.object({
  id: z.number().int().nonnegative(),
  channel: z.string(),
  request: z.unknown(),
});

/** Server -> client: an answer to a request, or a pushed event. */
export type WireMessage =
  { readonly id: number; readonly result: unknown } | { readonly event: EventName; readonly payload: unknown };
