// One tick's socket delta as stored, and the replay of deltas onto a keyframe. Within a keyframe segment each
// socket gets a small id when first stored, so later patches and removals name it in a byte or two, not its key.
import { decodeGroups, decodeInts, decodeRecords, encodeInts, encodeRecords, inDecodeOrder } from './record-codec';
import type { JsonObject, JsonValue, RecordedProcess, RecordedSocket } from './timeline-types';

/** The stored form of a delta (before packing): short names, because it is written every second. */
export interface StoredDelta {
  /** Id of the first socket of `a`; the others follow one by one (in decode order). */
  readonly i: number;
  /** Added sockets (or changed ones the writer had no earlier version of), column-encoded. */
  readonly a: JsonValue;
  /** Patches of changed sockets: `key` holds the socket's id, the other fields are those that differ. */
  readonly c: JsonValue;
  /** [id, field] pairs of fields a changed socket no longer has. */
  readonly u: readonly (readonly [number, string])[];
  /** Ids of removed sockets, sorted, as differences. */
  readonly r: readonly number[];
  /** Processes first referenced, column-encoded. */
  readonly p: JsonValue;
}

/** The stored form of a keyframe part: sockets and their ids, in decode order. */
export interface StoredPart {
  readonly s: JsonValue;
  readonly i: readonly number[];
}

function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The writer's side: the table as last stored and each socket's id. */
export class DeltaEncoder {
  readonly table = new Map<string, RecordedSocket>();
  private readonly ids = new Map<string, number>();
  private nextId = 1;

  /** Builds the stored delta of a tick and moves the table on; null when the tick changed nothing. */
  encode(tick: {
    readonly added: readonly RecordedSocket[];
    readonly changed: readonly RecordedSocket[];
    readonly removed: readonly string[];
    readonly processes: readonly RecordedProcess[];
  }): StoredDelta | null {
    if (!tick.added.length && !tick.changed.length && !tick.removed.length && !tick.processes.length) return null;
    const fresh: RecordedSocket[] = [...tick.added];
    const patches: JsonObject[] = [];
    const unset: [number, string][] = [];
    for (const s of tick.changed) {
      const old = this.table.get(s.key);
      const id = this.ids.get(s.key);
      if (!old || id === undefined) {
        fresh.push(s);
        continue;
      }
      // Only top-level fields that differ: a TIME_WAIT transition costs its state and times, not a row.
      const patch: Record<string, JsonValue> = { key: id };
      for (const f of Object.keys(s)) if (f !== 'key' && !sameValue(s[f], old[f])) patch[f] = s[f];
      for (const f of Object.keys(old)) if (!(f in s)) unset.push([id, f]);
      patches.push(patch);
      this.table.set(s.key, s);
    }
    // Removals before additions: a key gone and back in one tick is a new socket under a new id.
    const removed: number[] = [];
    for (const k of tick.removed) {
      const id = this.ids.get(k);
      if (id !== undefined) removed.push(id);
      this.table.delete(k);
      this.ids.delete(k);
    }
    const added = inDecodeOrder(fresh, (s) => s);
    const first = this.nextId;
    for (const s of added) {
      this.table.set(s.key, s);
      this.ids.set(s.key, this.nextId++);
    }
    return {
      i: first,
      a: encodeRecords(added),
      c: encodeRecords(patches),
      u: unset,
      r: encodeInts(removed.sort((x, y) => x - y)),
      p: encodeRecords(tick.processes),
    };
  }

  /**
   * Makes `sockets` the table (a keyframe realigns to the caller's truth), keeping the ids of known keys. True when
   * it differed from the table the deltas had built: deltas stored from now on only hold on top of this keyframe.
   */
  reset(sockets: readonly RecordedSocket[]): boolean {
    let drifted = sockets.length !== this.table.size;
    for (const s of sockets) if (!drifted && this.table.get(s.key) !== s) drifted = true;
    if (!drifted) return false;
    const ids = new Map(this.ids);
    this.table.clear();
    this.ids.clear();
    for (const s of sockets) {
      this.table.set(s.key, s);
      this.ids.set(s.key, ids.get(s.key) ?? this.nextId++);
    }
    return true;
  }

  /** The table with each socket's id, as it is now (a keyframe is built from this while ticks go on). */
  entries(): KeyframeEntry[] {
    return [...this.table.values()].map((s) => [s, this.ids.get(s.key) ?? 0] as const);
  }
}

/** A socket of a keyframe and its id. */
export type KeyframeEntry = readonly [RecordedSocket, number];

/** Some sockets of a keyframe as one stored part. */
export function encodePart(entries: readonly KeyframeEntry[]): StoredPart {
  const ordered = inDecodeOrder(entries, (e) => e[0]);
  return { s: encodeRecords(ordered.map((e) => e[0])), i: encodeInts(ordered.map((e) => e[1])) };
}

/**
 * The reader's side: a table rebuilt from a keyframe, moved on delta by delta. Patches change the objects this
 * replay built in place (copying one first only if `expose` handed it out), which is what keeps a 5-minute
 * segment of 40,000 sockets quick to replay.
 */
export class TableReplay {
  /** Sockets by id (ids are what deltas name them by; each socket carries its own key). */
  private readonly byId = new Map<number, Record<string, JsonValue>>();
  readonly processes = new Map<number, RecordedProcess>();
  /** True once `expose` handed the objects out: from then on a patch copies an object before changing it. */
  private shared = false;
  /** Objects built since the last `expose`: safe to change in place even when shared. */
  private readonly owned = new Set<object>();

  /** The table now, by key (built on demand: for tests and checks, not the hot path). */
  get table(): ReadonlyMap<string, RecordedSocket> {
    return new Map([...this.byId.values()].map((s) => [s.key as string, s as RecordedSocket]));
  }

  /** The sockets now, for a caller to keep: later deltas will not change them. */
  expose(): RecordedSocket[] {
    this.shared = true;
    this.owned.clear();
    return [...this.byId.values()] as RecordedSocket[];
  }

  addPart(value: unknown): void {
    const p = value as Partial<StoredPart> | null;
    const sockets = decodeRecords(p?.s);
    const ids = decodeInts(p?.i);
    if (ids.length !== sockets.length) throw new Error('malformed keyframe part');
    sockets.forEach((s, n) => this.put(s, ids[n]));
  }

  addProcesses(value: unknown): void {
    for (const p of decodeRecords(value)) this.processes.set(p.pid as number, p as RecordedProcess);
  }

  apply(value: unknown): void {
    const d = value as Partial<StoredDelta> | null;
    if (!d || typeof d.i !== 'number' || !Array.isArray(d.u)) throw new Error('malformed delta');
    const first = d.i;
    decodeRecords(d.a).forEach((s, n) => this.put(s, first + n));
    // Patches column by column, without building an object per patch.
    for (const { fields, cols } of decodeGroups(d.c)) {
      const k = fields.indexOf('key');
      const ids = cols[k] ?? [];
      for (let row = 0; row < ids.length; row++) {
        const target = this.writable(ids[row] as number);
        for (let f = 0; f < fields.length; f++) if (f !== k) target[fields[f]] = cols[f][row];
      }
    }
    for (const [id, f] of d.u) delete this.writable(id)[f];
    for (const id of decodeInts(d.r)) this.byId.delete(id);
    this.addProcesses(d.p);
  }

  private put(s: JsonObject, id: number): void {
    if (typeof s.key !== 'string') throw new Error('malformed socket: no key');
    this.byId.set(id, s as Record<string, JsonValue>);
    if (this.shared) this.owned.add(s);
  }

  /** The socket with id `id`, as an object this replay may change. */
  private writable(id: number): Record<string, JsonValue> {
    const old = this.byId.get(id);
    if (!old) throw new Error(`malformed delta: it patches unknown socket #${id}`);
    if (!this.shared || this.owned.has(old)) return old;
    const copy = { ...old };
    this.owned.add(copy);
    this.byId.set(id, copy);
    return copy;
  }
}

/**
 * The pids a socket refers to: its `pid`, and the `pid` of each entry of `owners` (the model is gaining several
 * owners per socket). Processes no socket refers to are left out of keyframes and rebuilt tables.
 */
export function referencedPids(s: RecordedSocket): number[] {
  const out: number[] = [];
  if (typeof s.pid === 'number') out.push(s.pid);
  const owners = s.owners;
  if (Array.isArray(owners)) {
    for (const o of owners as JsonValue[]) {
      const pid = o !== null && typeof o === 'object' && !Array.isArray(o) ? (o as JsonObject).pid : undefined;
      if (typeof pid === 'number') out.push(pid);
    }
  }
  return out;
}

/** The processes of `processes` that some socket of `sockets` refers to. */
export function referencedProcesses(
  sockets: Iterable<RecordedSocket>,
  processes: ReadonlyMap<number, RecordedProcess>,
): RecordedProcess[] {
  const pids = new Set<number>();
  for (const s of sockets) for (const pid of referencedPids(s)) pids.add(pid);
  const out: RecordedProcess[] = [];
  for (const pid of pids) {
    const p = processes.get(pid);
    if (p) out.push(p);
  }
  return out;
}
