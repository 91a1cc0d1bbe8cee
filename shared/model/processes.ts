// Per-process traffic: who talks to whom, how fast (what `processes:traffic` answers and `netinspect top` prints).
import { z } from 'zod';
import { PROTOS } from './socket';

/** Rate points kept per process for its sparkline (one per refresh). */
export const TRAFFIC_HISTORY_POINTS = 60;
/** How long a process that holds no socket any more stays listed, greyed, with its totals (ms). */
export const GONE_PROCESS_KEEP_MS = 60_000;

export const trafficPointSchema = z.object({
  at: z.number(),
  /** Payload bytes per second sent / received over the refresh ending at `at`. */
  sent: z.number(),
  received: z.number(),
});

export const processTrafficSchema = z.object({
  /** The process id, or null for the row of sockets whose owner is hidden. */
  pid: z.number().int().nullable(),
  name: z.string(),
  user: z.string().nullable(),
  ppid: z.number().int().nullable(),
  /** `live`: holds sockets now; `idle`: holds none any more (still running); `exited`: gone. */
  status: z.enum(['live', 'idle', 'exited']),
  /** When it stopped holding sockets or exited (ms since epoch), or null while live. */
  goneAt: z.number().nullable(),
  listening: z.array(z.object({ proto: z.enum(PROTOS), port: z.number().int() })).readonly(),
  /** Sockets per state (TCP states and UDP's UNCONN/ESTABLISHED), listeners included. */
  states: z.record(z.string(), z.number().int()),
  /** Connections (every socket but listeners and unconnected UDP). */
  connections: z.number().int(),
  /** Payload bytes per second over the last refresh (TCP only; null when it has no TCP counters at all). */
  sentBytesPerSec: z.number().nullable(),
  receivedBytesPerSec: z.number().nullable(),
  /** Payload bytes moved since netinspect saw the process (closed connections counted with their final bytes). */
  sentBytes: z.number(),
  receivedBytes: z.number(),
  /** Distinct remote addresses of its connections now. */
  remoteHosts: z.number().int(),
  /** Holds UDP sockets, whose bytes the kernel does not count per socket (their traffic is not in the figures). */
  hasUdp: z.boolean(),
  history: z.array(trafficPointSchema).readonly(),
});
/** One row of the Processes view. */
export type ProcessTraffic = Readonly<z.output<typeof processTrafficSchema>>;

export const destinationSchema = z.object({
  /** Remote address. */
  address: z.string(),
  /** Payload bytes sent to / received from it since netinspect looked. */
  sentBytes: z.number(),
  receivedBytes: z.number(),
  /** Connections to it now. */
  connections: z.number().int(),
  /** Processes talking to it now. */
  processes: z.array(z.object({ pid: z.number().int(), name: z.string() })).readonly(),
});
/** One "top destination". */
export type Destination = Readonly<z.output<typeof destinationSchema>>;

export const processTrafficListSchema = z.object({
  takenAt: z.number(),
  /** Time between the last two refreshes the rates are computed over (ms). */
  intervalMs: z.number(),
  processes: z.array(processTrafficSchema).readonly(),
  destinations: z.array(destinationSchema).readonly(),
  /** Sockets whose owner is hidden (other users' processes, or none visible), and why, as an i18n key. */
  hidden: z.object({ sockets: z.number().int(), reasonKey: z.string() }).nullable(),
  /** Where the closed connections' final bytes come from (kernel destroy events), or why they are missing. */
  closedSource: z.enum(['kernel', 'observed']),
});
/** The `processes:traffic` answer. */
export type ProcessTrafficList = Readonly<z.output<typeof processTrafficListSchema>>;
