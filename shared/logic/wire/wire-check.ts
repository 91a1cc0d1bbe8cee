// Checks of the column and change-set wire forms, as strict as the object schemas they replace but one tight loop per
// column instead of a schema walk per socket: 40,000 sockets check in milliseconds.
import { FACT_SOURCES, PROTOS, SOCKET_STATES, socketSchema } from '../../model/socket';
import { SOCKET_FIELDS, type WireChanges } from './socket-changes';
import {
  BOOL_FIELDS,
  DICT_FIELDS,
  METRIC_FIELDS,
  NUMBER_FIELDS,
  TEXT_FIELDS,
  TIME_FIELDS,
  type WireColumns,
} from './socket-columns';

/** Most sockets one table may carry (a bound against a hostile or broken sender; hosts have far fewer). */
export const MAX_WIRE_SOCKETS = 1_000_000;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function column(v: unknown, n: number, ok: (x: unknown) => boolean): boolean {
  if (!Array.isArray(v) || v.length !== n) return false;
  for (let i = 0; i < n; i++) if (!ok(v[i])) return false;
  return true;
}

const finiteOrNull = (x: unknown): boolean => x === null || (typeof x === 'number' && Number.isFinite(x));
const port = (x: unknown): boolean => Number.isInteger(x) && (x as number) >= 0 && (x as number) <= 65535;
const intOrNull = (x: unknown): boolean => x === null || Number.isInteger(x);

/** Fields that may never be null, and the values their dictionary entries may take. */
const REQUIRED_DICT: Partial<Record<(typeof DICT_FIELDS)[number], readonly string[] | true>> = {
  proto: PROTOS,
  state: SOCKET_STATES,
  stateSinceSource: FACT_SOURCES,
  localAddress: true,
  remoteAddress: true,
};

/** True when `v` is a well-formed WireColumns whose every row decodes to a valid Socket. */
export function checkColumns(v: unknown): v is WireColumns {
  if (!isObject(v) || v.wire !== 'columns/1') return false;
  const n = v.n;
  if (!Number.isInteger(n) || (n as number) < 0 || (n as number) > MAX_WIRE_SOCKETS) return false;
  const rows = n as number;
  if (typeof v.base !== 'number' || !Number.isFinite(v.base)) return false;
  const dict = v.dict;
  if (!Array.isArray(dict) || !dict.every((s) => typeof s === 'string')) return false;
  const index = (x: unknown): boolean =>
    x === null || (Number.isInteger(x) && (x as number) >= 0 && (x as number) < dict.length);
  const { text, dicts, numbers, bools, owners } = v;
  if (!isObject(text) || !isObject(dicts) || !isObject(numbers) || !isObject(bools)) return false;
  if (!column(text.key, rows, (x) => typeof x === 'string')) return false;
  if (!column(text.cookie, rows, (x) => x === null || typeof x === 'string')) return false;
  for (const f of TEXT_FIELDS) if (!Array.isArray(text[f])) return false;
  for (const f of DICT_FIELDS) {
    const allowed = REQUIRED_DICT[f];
    if (!column(dicts[f], rows, allowed ? (x) => x !== null && index(x) : index)) return false;
    if (Array.isArray(allowed)) {
      // Each dictionary entry this column uses must be one of the enum's values: checked once per distinct index.
      const seen = new Set(dicts[f] as number[]);
      for (const i of seen) if (!allowed.includes(dict[i] as string)) return false;
    }
  }
  for (const f of [...NUMBER_FIELDS, ...TIME_FIELDS, ...METRIC_FIELDS])
    if (!column(numbers[f], rows, finiteOrNull)) return false;
  for (const f of ['pid', 'uid', 'inode'] as const) if (!column(numbers[f], rows, intOrNull)) return false;
  if (!column(numbers.family, rows, (x) => x === 4 || x === 6)) return false;
  if (!column(numbers.localPort, rows, port) || !column(numbers.remotePort, rows, port)) return false;
  if (!column(numbers.firstSeen, rows, (x) => typeof x === 'number' && Number.isFinite(x))) return false;
  if (!column(numbers.m, rows, (x) => x === 0 || x === 1)) return false;
  for (const f of BOOL_FIELDS) if (!column(bools[f], rows, (x) => x === 0 || x === 1)) return false;
  const owner = (o: unknown): boolean =>
    Array.isArray(o) && o.length === 3 && Number.isInteger(o[0]) && index(o[1]) && index(o[2]);
  return column(owners, rows, (x) => x === null || (Array.isArray(x) && x.every(owner)));
}

/** The schema of each field's values, for the few that change per refresh. */
const FIELD_SCHEMAS = SOCKET_FIELDS.map((f) => socketSchema.shape[f]);

/** True when `v` is a well-formed WireChanges: every field index known, every value valid for its field. */
export function checkChanges(v: unknown): v is WireChanges {
  if (!isObject(v) || !Array.isArray(v.keys) || !Array.isArray(v.sets) || v.keys.length !== v.sets.length) return false;
  if (v.keys.length > MAX_WIRE_SOCKETS || !v.keys.every((k) => typeof k === 'string')) return false;
  for (const set of v.sets as unknown[]) {
    if (!Array.isArray(set) || set.length % 2 !== 0) return false;
    for (let i = 0; i < set.length; i += 2) {
      const f = set[i];
      if (!Number.isInteger(f) || f < 0 || f >= FIELD_SCHEMAS.length) return false;
      if (!FIELD_SCHEMAS[f as number].safeParse(set[i + 1]).success) return false;
    }
  }
  return true;
}
