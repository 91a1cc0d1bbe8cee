// The browser-mode wire form of the socket table: a snapshot in columns, deltas with added sockets in columns and
// changed ones field by field. The server's encoder keeps the table as last sent; api.ts checks and decodes.
import { z } from 'zod';
import { snapshotSchema, socketDeltaSchema, type Snapshot, type SocketDelta } from '../../model/snapshot';
import type { Socket } from '../../model/socket';
import { applyChangeSet, changeSet, type WireChanges } from './socket-changes';
import { decodeColumns, encodeColumns, type WireColumns } from './socket-columns';
import { checkChanges, checkColumns } from './wire-check';

/** A snapshot whose sockets are columns. */
export type WireSnapshot = Omit<Snapshot, 'sockets'> & { readonly sockets: WireColumns };
/** A delta whose added sockets are columns and changed ones field sets (`wire` tells it from a plain delta). */
export type WireDelta = Omit<SocketDelta, 'added' | 'changed'> & {
  readonly wire: 'delta/1';
  readonly added: WireColumns;
  readonly changed: WireChanges;
};

const columnsSchema = z.custom<WireColumns>(checkColumns, 'malformed socket columns');
/** The checked wire snapshot: every field but the sockets as the contract says, the sockets by checkColumns. */
export const wireSnapshotSchema = snapshotSchema.extend({ sockets: columnsSchema });
/** The checked wire delta. */
export const wireDeltaSchema = socketDeltaSchema.extend({
  wire: z.literal('delta/1'),
  added: columnsSchema,
  changed: z.custom<WireChanges>(checkChanges, 'malformed socket changes'),
});

/** True for a value in wire form (a plain snapshot or delta, as Electron's IPC carries them, is not). */
export function isWireSnapshot(v: unknown): boolean {
  const s = (v as { sockets?: { wire?: unknown } } | null)?.sockets;
  return typeof s === 'object' && s !== null && s.wire === 'columns/1';
}
export function isWireDelta(v: unknown): boolean {
  return (v as { wire?: unknown } | null)?.wire === 'delta/1';
}

/**
 * The server's side, one per server: every front end gets the same deltas, so each is encoded once, against the
 * table as of the delta before. The table follows the deltas, and a snapshot newer than it (sent after a time
 * nobody was subscribed) resets it.
 */
export class WireEncoder {
  private readonly table = new Map<string, Socket>();
  private seq = -1;
  private last: { readonly seq: number; readonly wire: WireDelta } | null = null;

  snapshot(s: Snapshot): WireSnapshot {
    if (s.seq > this.seq) {
      this.table.clear();
      for (const x of s.sockets) this.table.set(x.key, x);
      this.seq = s.seq;
    }
    return { ...s, sockets: encodeColumns(s.sockets, s.takenAt) };
  }

  delta(d: SocketDelta): WireDelta {
    if (this.last?.seq === d.seq) return this.last.wire;
    const keys: string[] = [];
    const sets: unknown[][] = [];
    for (const s of d.changed) {
      keys.push(s.key);
      sets.push(changeSet(this.table.get(s.key), s));
    }
    for (const k of d.removed) this.table.delete(k);
    for (const s of d.added) this.table.set(s.key, s);
    for (const s of d.changed) this.table.set(s.key, s);
    this.seq = d.seq;
    const wire: WireDelta = {
      wire: 'delta/1',
      seq: d.seq,
      takenAt: d.takenAt,
      added: encodeColumns(d.added, d.takenAt),
      removed: d.removed,
      changed: { keys, sets },
      processes: d.processes,
    };
    this.last = { seq: d.seq, wire };
    return wire;
  }
}

/** A checked wire snapshot as the contract's snapshot. */
export function decodeSnapshot(w: z.output<typeof wireSnapshotSchema>): Snapshot {
  return { ...w, sockets: decodeColumns(w.sockets) };
}

/**
 * A checked wire delta as the contract's delta, the changed sockets rebuilt on the versions `previous` gives;
 * null when one is unknown there (the receiver is out of step: it must subscribe again).
 */
export function decodeDelta(
  w: z.output<typeof wireDeltaSchema>,
  previous: (key: string) => Socket | undefined,
): SocketDelta | null {
  const changed: Socket[] = [];
  for (let i = 0; i < w.changed.keys.length; i++) {
    const prev = previous(w.changed.keys[i]);
    if (!prev) return null;
    changed.push(applyChangeSet(prev, w.changed.sets[i]));
  }
  return {
    seq: w.seq,
    takenAt: w.takenAt,
    added: decodeColumns(w.added),
    removed: w.removed,
    changed,
    processes: w.processes,
  };
}
