// Compact, exact encoding of record batches: columns per object shape, integer columns as differences, brotli.
import { brotliCompress, brotliCompressSync, brotliDecompressSync, constants, type BrotliOptions } from 'node:zlib';
import type { JsonObject, JsonValue } from './timeline-types';

/**
 * One group of records that share their field list: [fields, column of field 0, column of field 1, ...]. A column
 * of safe integers is stored as `{d: [first, diff, diff ...]}`: ports, inodes and times of one tick then differ by
 * small numbers that compress far better than the numbers themselves. A column of objects that all have the same
 * fields (a socket's `metrics`) is stored as `{o: group}`, columns again, one level down. A column of strings
 * is front-coded, `{f: [...]}`: `[n, rest]` for a string that starts with the previous one's first n characters
 * (socket keys of one tick share most of theirs), 9% smaller after brotli on a churn tick.
 */
type Column =
  | readonly JsonValue[]
  | { readonly d: readonly number[] }
  | { readonly o: Group }
  | { readonly f: readonly (string | readonly [number, string])[] };
type Group = [readonly string[], ...Column[]];

/**
 * Brotli quality of tick blobs: at 6 a 1,000-connection tick packs in ~5 ms, 2x smaller than deflate -9 (measured).
 * Keyframe parts, built between ticks, afford 7.
 */
export const TICK_QUALITY = 6;
export const KEYFRAME_QUALITY = 7;

/** Encodes records column-wise; `decodeRecords` gives back objects equal field for field (order included). */
export function encodeRecords(records: readonly JsonObject[]): JsonValue {
  const shapes = new Map<string, { fields: string[]; cols: JsonValue[][] }>();
  for (const r of records) {
    const fields = Object.keys(r);
    const id = fields.join('\u0000');
    let g = shapes.get(id);
    if (!g) {
      g = { fields, cols: fields.map(() => []) };
      shapes.set(id, g);
    }
    for (let i = 0; i < fields.length; i++) g.cols[i].push(r[fields[i]]);
  }
  const out: JsonValue[] = [];
  for (const g of shapes.values()) out.push([g.fields, ...g.cols.map(encodeColumn)] as unknown as JsonValue);
  return out;
}

/**
 * The records reordered as `decodeRecords` gives them back: grouped by field list, groups in order of first
 * appearance. Arrays that run parallel to a batch (ids) must follow this order.
 */
export function inDecodeOrder<T>(items: readonly T[], record: (item: T) => JsonObject): T[] {
  const groups = new Map<string, T[]>();
  for (const r of items) {
    const id = Object.keys(record(r)).join('\u0000');
    const g = groups.get(id);
    if (g) g.push(r);
    else groups.set(id, [r]);
  }
  return groups.size <= 1 ? [...items] : [...groups.values()].flat();
}

/** Integers as first value then differences (sorted ids become runs of small numbers). */
export function encodeInts(ints: readonly number[]): number[] {
  return ints.map((v, i) => (i === 0 ? v : v - ints[i - 1]));
}

/** The integers `encodeInts` was given. */
export function decodeInts(value: unknown): number[] {
  if (!Array.isArray(value)) throw new Error('malformed integer list');
  let acc = 0;
  return value.map((d: number, i) => (acc = i === 0 ? d : acc + d));
}

/** The groups of an encoded batch, columns decoded: what `decodeRecords` builds objects from. */
export function decodeGroups(value: unknown): { fields: readonly string[]; cols: readonly (readonly JsonValue[])[] }[] {
  if (!Array.isArray(value)) throw new Error('record batch is not an array');
  return (value as Group[]).map((g) => {
    const [fields, ...encoded] = g;
    if (!Array.isArray(fields) || encoded.length !== fields.length) throw new Error('malformed record group');
    const cols = encoded.map(decodeColumn);
    if (cols.some((c) => c.length !== cols[0].length)) throw new Error('malformed record group: ragged columns');
    return { fields, cols };
  });
}

/** The records `encodeRecords` was given. Throws on a malformed value (a corrupt blob). */
export function decodeRecords(value: unknown): JsonObject[] {
  const out: JsonObject[] = [];
  for (const { fields, cols } of decodeGroups(value)) {
    const n = cols[0]?.length ?? 0;
    for (let row = 0; row < n; row++) {
      const o: Record<string, JsonValue> = {};
      for (let i = 0; i < fields.length; i++) o[fields[i]] = cols[i][row];
      out.push(o);
    }
  }
  return out;
}

function isPlain(v: JsonValue): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function encodeColumn(col: JsonValue[]): JsonValue {
  if (col.length < 2) return col;
  if (col.every((v) => typeof v === 'number' && Number.isSafeInteger(v))) {
    const nums = col as number[];
    const d = new Array<number>(nums.length);
    d[0] = nums[0];
    for (let i = 1; i < nums.length; i++) d[i] = nums[i] - nums[i - 1];
    // A difference beyond the safe range would not round-trip exactly: keep such a column as it is.
    return d.every(Number.isSafeInteger) ? { d } : col;
  }
  if (col.every((v) => typeof v === 'string')) return { f: frontCode(col as string[]) };
  const first = col[0];
  if (isPlain(first)) {
    const fields = Object.keys(first).join('\u0000');
    if (col.every((v) => isPlain(v) && Object.keys(v).join('\u0000') === fields)) {
      const groups = encodeRecords(col as JsonObject[]) as JsonValue[];
      return { o: groups[0] ?? [] };
    }
  }
  return col;
}

function frontCode(col: readonly string[]): (string | [number, string])[] {
  let prev = '';
  return col.map((s) => {
    let n = 0;
    const max = Math.min(s.length, prev.length);
    while (n < max && s.charCodeAt(n) === prev.charCodeAt(n)) n++;
    prev = s;
    // Short shared prefixes cost more as [n, rest] than brotli spends on them.
    return n > 3 ? [n, s.slice(n)] : s;
  });
}

function frontDecode(col: readonly unknown[]): string[] {
  let prev = '';
  return col.map((v) => {
    if (typeof v === 'string') prev = v;
    else if (Array.isArray(v) && typeof v[0] === 'number' && typeof v[1] === 'string')
      prev = prev.slice(0, v[0]) + v[1];
    else throw new Error('malformed string column');
    return prev;
  });
}

function decodeColumn(col: unknown): readonly JsonValue[] {
  if (Array.isArray(col)) return col as JsonValue[];
  const c = col as { d?: unknown; o?: unknown; f?: unknown } | null;
  if (c && Array.isArray(c.o)) return decodeRecords([c.o]);
  if (c && Array.isArray(c.f)) return frontDecode(c.f);
  const d = c?.d;
  if (!Array.isArray(d)) throw new Error('malformed record column');
  const out = new Array<number>(d.length);
  let acc = 0;
  for (let i = 0; i < d.length; i++) out[i] = acc = i === 0 ? (d[0] as number) : acc + (d[i] as number);
  return out;
}

function brotliOptions(raw: Buffer, quality: number): BrotliOptions {
  return { params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } };
}

/** JSON then brotli: what goes into a BLOB column. */
export function packBlob(value: JsonValue, quality = KEYFRAME_QUALITY): Buffer {
  return compressBlob(blobJson(value), quality);
}

/** `packBlob` in two halves: the JSON here, on the caller's thread; the brotli in `compressBlob`. */
export function blobJson(value: JsonValue): Buffer {
  return Buffer.from(JSON.stringify(value));
}

/** The brotli half of `packBlob`: byte for byte what it gives for the same JSON. */
export function compressBlob(raw: Buffer, quality: number): Buffer {
  return brotliCompressSync(raw, brotliOptions(raw, quality));
}

/**
 * `compressBlob` on libuv's thread pool: a keyframe built in the background then leaves the event loop this half of
 * its cost (brotli is about half of a part's).
 */
export function compressBlobInPool(raw: Buffer, quality: number, done: (e: Error | null, blob: Buffer) => void): void {
  brotliCompress(raw, brotliOptions(raw, quality), done);
}

/**
 * Two JSON documents in one brotli stream, so the second can refer back to strings of the first (a tick's events
 * name the sockets of its delta: 10% smaller measured); `head` is the first one's length in bytes, so a reader
 * that needs only the first parses only that.
 */
export function packPair(first: JsonValue, second: JsonValue): { blob: Buffer; head: number } {
  const a = Buffer.from(JSON.stringify(first));
  const raw = Buffer.concat([a, Buffer.from(JSON.stringify(second))]);
  const blob = brotliCompressSync(raw, brotliOptions(raw, TICK_QUALITY));
  return { blob, head: a.length };
}

/** The first (`which` 0) or second (1) document of a `packPair` blob. Throws on a corrupt blob. */
export function unpackPair(blob: Uint8Array, head: number, which: 0 | 1): unknown {
  const raw = brotliDecompressSync(blob);
  if (head < 0 || head > raw.length) throw new Error('malformed blob: head beyond its end');
  return JSON.parse(which === 0 ? raw.toString('utf8', 0, head) : raw.toString('utf8', head));
}

/** The value `packBlob` packed. Throws on a corrupt blob. */
export function unpackBlob(blob: Uint8Array): unknown {
  return JSON.parse(brotliDecompressSync(blob).toString('utf8'));
}
