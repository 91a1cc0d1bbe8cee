// One tick's row: its summary (counts by series id, transition totals) and its packed delta and events.
import { decodeRecords, encodeRecords, packPair, unpackPair } from './record-codec';
import type { Db } from './recording-db';
import type { StoredDelta } from './socket-delta';
import type { JsonObject, RecordedTransition, TimelineTick, TransitionSource, TransitionTotal } from './timeline-types';

/** The summary column: `c` [[series id, count]...] without zeros, `t` [[from, to, source, count]...]. */
interface Summary {
  readonly c: readonly (readonly [number, number])[];
  readonly t: readonly (readonly [string, string, TransitionSource, number])[];
}

/** Series names <-> the small ids summaries use, so a per-second row stays around 100 bytes. */
export class SeriesIds {
  private readonly ids = new Map<string, number>();
  private readonly names = new Map<number, string>();
  private uncommitted: string[] = [];

  load(db: Db): void {
    for (const [id, name] of db.prepare('SELECT id, name FROM series').raw().all() as [number, string][]) {
      this.ids.set(name, id);
      this.names.set(id, name);
    }
  }

  /** The id of a series, inserting it (inside the caller's transaction) when new. */
  idOf(db: Db, name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = Number(db.prepare('INSERT INTO series (name) VALUES (?)').run(name).lastInsertRowid);
      this.ids.set(name, id);
      this.names.set(id, name);
      this.uncommitted.push(name);
    }
    return id;
  }

  nameOf(id: number): string {
    return this.names.get(id) ?? `#${id}`;
  }

  /** The transaction committed: the ids it inserted are real. */
  commit(): void {
    this.uncommitted = [];
  }

  /** The transaction rolled back: forget the ids it inserted. */
  rollback(): void {
    for (const name of this.uncommitted) {
      const id = this.ids.get(name);
      this.ids.delete(name);
      if (id !== undefined) this.names.delete(id);
    }
    this.uncommitted = [];
  }
}

/** Transition totals by from, to and source. */
export function totalsOf(transitions: readonly RecordedTransition[]): TransitionTotal[] {
  const m = new Map<string, TransitionTotal>();
  for (const tr of transitions) {
    const id = `${tr.from}\u0000${tr.to}\u0000${tr.source}`;
    const old = m.get(id);
    m.set(id, { from: tr.from, to: tr.to, source: tr.source, count: (old?.count ?? 0) + 1 });
  }
  return [...m.values()];
}

/** Inserts the row of a tick at time `t` (inside the caller's transaction). */
export function insertTick(
  db: Db,
  series: SeriesIds,
  t: number,
  socketCount: number,
  tick: TimelineTick,
  delta: StoredDelta | null,
): void {
  const summary: Summary = {
    c: Object.entries(tick.counts)
      .filter(([, n]) => n !== 0)
      .map(([name, n]) => [series.idOf(db, name), n] as const),
    t: totalsOf(tick.transitions).map((x) => [x.from, x.to, x.source, x.count] as const),
  };
  const empty = !delta && tick.closed.length === 0 && tick.transitions.length === 0;
  const events = { x: encodeRecords(tick.closed), t: encodeRecords(tick.transitions) };
  const packed = empty ? null : packPair((delta ?? null) as unknown as JsonObject, events);
  db.prepare(
    'INSERT INTO ticks (t, sockets, added, changed, removed, closed, transitions, summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    t,
    socketCount,
    tick.added.length,
    tick.changed.length,
    tick.removed.length,
    tick.closed.length,
    tick.transitions.length,
    JSON.stringify(summary),
  );
  if (packed) db.prepare('INSERT INTO tick_data (t, head, data) VALUES (?, ?, ?)').run(t, packed.head, packed.blob);
}

/** The stored delta of a tick's `data` (null when the tick changed no socket). */
export function readDelta(data: Uint8Array, head: number): unknown {
  return unpackPair(data, head, 0);
}

/** Counts and transition totals from a summary column. */
export function readSummary(
  text: string,
  series: SeriesIds,
): { counts: Record<string, number>; transitions: TransitionTotal[] } {
  const s = JSON.parse(text) as Summary;
  const counts: Record<string, number> = {};
  for (const [id, n] of s.c) counts[series.nameOf(id)] = n;
  return { counts, transitions: s.t.map(([from, to, source, count]) => ({ from, to, source, count })) };
}

/** Closed records and transitions of a tick's `data`. */
export function readEvents(
  data: Uint8Array,
  head: number,
): { closed: JsonObject[]; transitions: RecordedTransition[] } {
  const v = unpackPair(data, head, 1) as { x?: unknown; t?: unknown } | null;
  if (!v || typeof v !== 'object') throw new Error('malformed events');
  return { closed: decodeRecords(v.x), transitions: decodeRecords(v.t) as RecordedTransition[] };
}
