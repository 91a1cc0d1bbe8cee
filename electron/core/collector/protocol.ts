// Messages between the collector host (core) and the collector process.
import type { KernelEventBatch, KernelSourceStatus } from '../../../shared/model/kernel-events';
import type { OwnerVisibility, SocketSource } from '../../../shared/model/snapshot';
import { decodeColumns, encodeColumns } from '../../../shared/logic/wire/socket-columns';
import { checkColumns } from '../../../shared/logic/wire/wire-check';
import { AppError, type AppErrorData } from '../../../shared/model/errors';
import type { ProcessInfo, Socket } from '../../../shared/model/socket';

/** Host -> collector: take a snapshot and answer with the delta ('tick') or the whole table ('full'). */
export interface WorkerRequest {
  readonly id: number;
  readonly op: 'tick' | 'full';
}

/** Facts about one refresh inside the collector. */
export interface TickStats {
  readonly takenAt: number;
  readonly source: SocketSource;
  readonly fallbackReason: string | null;
  readonly ownerVisibility: OwnerVisibility;
  readonly hiddenOwners: number;
  /** Snapshot plus diff, inside the collector process (ms). */
  readonly durationMs: number;
  readonly socketCount: number;
  /** The kernel's event sources (empty where the OS has none, or in a collector opened without them). */
  readonly kernelSources: readonly KernelSourceStatus[];
}

/** The delta since the previous refresh of this collector process. */
export interface TickResult {
  readonly kind: 'tick';
  readonly added: Socket[];
  readonly removed: string[];
  readonly changed: Socket[];
  readonly processes: ProcessInfo[];
  readonly stats: TickStats;
  /** What the kernel reported since the previous refresh. */
  readonly events: KernelEventBatch;
}

/** The whole table, after a refresh. */
export interface FullResult {
  readonly kind: 'full';
  readonly sockets: Socket[];
  readonly processes: ProcessInfo[];
  readonly stats: TickStats;
  readonly events: KernelEventBatch;
}

/** Collector -> host. */
export type WorkerReply =
  | { readonly id: number; readonly ok: true; readonly value: TickResult | FullResult }
  | { readonly id: number; readonly ok: false; readonly error: AppErrorData };

/** Collector -> host, once, when it is ready for requests. */
export interface WorkerReady {
  readonly ready: true;
  readonly pid: number;
}

/**
 * A list of sockets as it crosses the process boundary: the browser wire's columns (socket-columns.ts) as JSON
 * text. 40,000 sockets as objects were 22 MB of structured clone, some 110 ms to write and 190-500 ms to read (a
 * clone names every property of every object); as columns in JSON they are 6 MB, about 85 ms to encode and write
 * and 55 ms to read and decode back into objects. JSON because the elevated collector's messages cross the helper's
 * socket as JSON too.
 */
export type WireSockets = string;

/** The delta as it crosses the process boundary. */
export interface WireTick extends Omit<TickResult, 'added' | 'changed'> {
  readonly added: WireSockets;
  readonly changed: WireSockets;
}

/** The whole table as it crosses the process boundary (the sockets sent ahead in parts come first). */
export interface WireFull extends Omit<FullResult, 'sockets'> {
  readonly sockets: WireSockets;
}

/** Collector -> host: a reply as the collector process sends it. */
export type WireReply =
  | { readonly id: number; readonly ok: true; readonly value: WireTick | WireFull }
  | { readonly id: number; readonly ok: false; readonly error: AppErrorData };

/**
 * Collector -> host, ahead of a whole table's reply: some of its sockets, in order (the reply carries the rest).
 * In parts, the host reads and decodes one while the collector encodes and writes the next.
 */
export interface WorkerPart {
  readonly id: number;
  /** In wire form from a collector process; objects from one in this process (or a test's wrapper of one). */
  readonly part: WireSockets | readonly Socket[];
}

/** Sockets per part of a whole table's reply. */
export const FULL_PART_SOCKETS = 4_000;

/** Sockets in wire form; times are sent relative to `base` (the refresh's time), which keeps the numbers short. */
export function socketsToWire(sockets: readonly Socket[], base: number): WireSockets {
  return JSON.stringify(encodeColumns(sockets, base));
}

/**
 * Sockets back from wire form (objects, from a collector in this process, as they are); throws COLLECTOR_FAILED on
 * a text that is not well-formed columns.
 */
export function socketsFromWire(list: WireSockets | readonly Socket[]): Socket[] {
  if (typeof list !== 'string') return list as Socket[];
  let columns: unknown;
  try {
    columns = JSON.parse(list);
  } catch {
    columns = null;
  }
  if (!checkColumns(columns)) throw new AppError('COLLECTOR_FAILED', 'The collector sent a malformed socket table.');
  return decodeColumns(columns);
}

/**
 * The messages of one reply, in order, as the collector process sends them: socket lists in wire form, a whole
 * table's sockets ahead in parts, the reply last with the rest. Each is encoded only when asked for, so the first
 * part can be on its way while the next is encoded.
 */
export function* replyMessages(reply: WorkerReply, per: number = FULL_PART_SOCKETS): Generator<WorkerPart | WireReply> {
  if (!reply.ok) {
    yield reply;
    return;
  }
  const value = reply.value;
  const base = value.stats.takenAt;
  if (value.kind === 'tick') {
    const { added, changed, ...rest } = value;
    yield {
      id: reply.id,
      ok: true,
      value: { ...rest, added: socketsToWire(added, base), changed: socketsToWire(changed, base) },
    };
    return;
  }
  const { sockets, ...rest } = value;
  let from = 0;
  for (; sockets.length - from > per; from += per) {
    yield { id: reply.id, part: socketsToWire(sockets.slice(from, from + per), base) };
  }
  yield { id: reply.id, ok: true, value: { ...rest, sockets: socketsToWire(sockets.slice(from), base) } };
}

/**
 * A reply as the host delivers it: socket lists in wire form decoded (`parts`: the sockets sent ahead, decoded as
 * they came), lists already objects (a collector running in this process) kept. Throws COLLECTOR_FAILED on a
 * malformed list.
 */
export function replyFromWire(reply: WireReply | WorkerReply, parts: readonly (readonly Socket[])[]): WorkerReply {
  if (!reply.ok) return reply;
  const v = reply.value;
  if (v.kind === 'tick') {
    return { ...reply, value: { ...v, added: socketsFromWire(v.added), changed: socketsFromWire(v.changed) } };
  }
  const sockets = socketsFromWire(v.sockets);
  return { ...reply, value: { ...v, sockets: parts.length > 0 ? [...parts.flat(), ...sockets] : sockets } };
}

export function isWorkerPart(m: unknown): m is WorkerPart {
  if (typeof m !== 'object' || m === null || !('part' in m)) return false;
  const part = (m as { part: unknown }).part;
  return typeof part === 'string' || Array.isArray(part);
}
