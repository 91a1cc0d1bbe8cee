// Pure decoding of tracefs binary ring-buffer pages (per_cpu/cpuN/trace_pipe_raw) and of sock:inet_sock_set_state
// records in them, with field offsets read from the event's own `format` file rather than assumed.
import { formatIPv6 } from '../../../../shared/logic/address';
import { ipv4Text } from './ipv4-text';

/** One field of an event's `format` file. */
export interface EventField {
  readonly offset: number;
  readonly size: number;
  readonly signed: boolean;
}

/** An event's id and fields, from its `format` file. */
export interface EventFormat {
  readonly id: number;
  readonly fields: ReadonlyMap<string, EventField>;
}

/** Parses `events/<system>/<event>/format` ("ID: n" and "field:<decl>; offset:n; size:n; signed:n;" lines). */
export function parseEventFormat(text: string): EventFormat | null {
  const id = /^ID:\s*(\d+)/m.exec(text);
  if (!id) return null;
  const fields = new Map<string, EventField>();
  const re = /field:([^;]+);\s*offset:(\d+);\s*size:(\d+);\s*signed:(\d+);/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // The declaration ends in the name, possibly with an array suffix: "__u8 saddr_v6[16]".
    const name = /([A-Za-z_][A-Za-z0-9_]*)\s*(?:\[[^\]]*\])?\s*$/.exec(m[1].trim());
    if (name) fields.set(name[1], { offset: Number(m[2]), size: Number(m[3]), signed: m[4] === '1' });
  }
  return { id: Number(id[1]), fields };
}

/** Ring-buffer event types (kernel/trace/ring_buffer.c): type_len 1..28 is a data record of type_len * 4 bytes. */
const TYPE_PADDING = 29;
const TYPE_TIME_EXTEND = 30;
const TYPE_TIME_STAMP = 31;
/** Time deltas are 27 bits; extends and stamps carry the rest shifted by it. */
const TS_SHIFT = 27;
/** The sub-buffer header: u64 timestamp, then the commit word (its low 27 bits: bytes of data; bit 31: missed). */
const PAGE_HEADER = 16;
const COMMIT_MASK = (1 << 27) - 1;
const MISSED_EVENTS = 0x80000000;

/** A data record found in a page: its timestamp (trace clock, ns) and where its payload lies in the page. */
export interface RingRecord {
  readonly ts: number;
  readonly offset: number;
  readonly length: number;
}

/** What one page held. */
export interface RingPage {
  readonly records: RingRecord[];
  /** The kernel dropped events before this page (the writer caught up with the reader). */
  readonly missedBefore: boolean;
  /** The page was malformed past some point; records before it are kept. */
  readonly corrupt: boolean;
}

/**
 * Walks the records of one sub-buffer as trace_pipe_raw returns it (a whole page; only the committed part is
 * data). Little-endian, 64-bit layout (x86-64, arm64), as the tracefs header_page file describes it.
 */
export function decodeRingPage(page: Uint8Array): RingPage {
  const records: RingRecord[] = [];
  if (page.length < PAGE_HEADER) return { records, missedBefore: false, corrupt: true };
  const dv = new DataView(page.buffer, page.byteOffset, page.length);
  let ts = Number(dv.getBigUint64(0, true));
  const commit = dv.getUint32(8, true);
  const end = PAGE_HEADER + (commit & COMMIT_MASK);
  const missedBefore = (commit & MISSED_EVENTS) !== 0;
  if (end > page.length) return { records, missedBefore, corrupt: true };
  let off = PAGE_HEADER;
  while (off + 4 <= end) {
    const head = dv.getUint32(off, true);
    const type = head & 0x1f;
    const delta = head >>> 5;
    if (type === TYPE_PADDING) {
      // Delta 0 marks the unused rest of the page; otherwise a discarded record whose time still counts.
      if (delta === 0 || off + 8 > end) break;
      ts += delta;
      off += 4 + dv.getUint32(off + 4, true);
      continue;
    }
    if (type === TYPE_TIME_EXTEND || type === TYPE_TIME_STAMP) {
      if (off + 8 > end) return { records, missedBefore, corrupt: true };
      const wide = dv.getUint32(off + 4, true) * 2 ** TS_SHIFT + delta;
      // An absolute stamp lacks the top 5 bits of the clock: take them from what we have.
      ts = type === TYPE_TIME_EXTEND ? ts + wide : wide + (ts - (ts % 2 ** 59));
      off += 8;
      continue;
    }
    ts += delta;
    let data: number;
    let length: number;
    if (type === 0) {
      if (off + 8 > end) return { records, missedBefore, corrupt: true };
      length = dv.getUint32(off + 4, true) - 4;
      data = off + 8;
    } else {
      length = type * 4;
      data = off + 4;
    }
    if (length < 0 || data + length > end) return { records, missedBefore, corrupt: true };
    records.push({ ts, offset: data, length });
    off = data + ((length + 3) & ~3);
  }
  return { records, missedBefore, corrupt: false };
}

/** One sock:inet_sock_set_state record as the kernel stored it. */
export interface SetStateRecord {
  readonly pid: number;
  /** The socket's kernel address (hex): the one key that survives a port being assigned after SYN_SENT. */
  readonly skaddr: string;
  readonly oldstate: number;
  readonly newstate: number;
  /** Host order, as the tracepoint stores them (it converts from network order). */
  readonly sport: number;
  readonly dport: number;
  readonly family: number;
  readonly protocol: number;
  readonly saddr: string;
  readonly daddr: string;
}

/** Where inet_sock_set_state keeps each field, from its format file; null when a field we need is missing. */
export interface SetStateLayout {
  readonly id: number;
  readonly type: EventField;
  readonly pid: EventField;
  readonly skaddr: EventField;
  readonly oldstate: EventField;
  readonly newstate: EventField;
  readonly sport: EventField;
  readonly dport: EventField;
  readonly family: EventField;
  readonly protocol: EventField;
  readonly saddr: EventField;
  readonly daddr: EventField;
  readonly saddrV6: EventField;
  readonly daddrV6: EventField;
}

export function setStateLayout(f: EventFormat): SetStateLayout | null {
  const get = (n: string): EventField | undefined => f.fields.get(n);
  const fields = {
    type: get('common_type'),
    pid: get('common_pid'),
    skaddr: get('skaddr'),
    oldstate: get('oldstate'),
    newstate: get('newstate'),
    sport: get('sport'),
    dport: get('dport'),
    family: get('family'),
    protocol: get('protocol'),
    saddr: get('saddr'),
    daddr: get('daddr'),
    saddrV6: get('saddr_v6'),
    daddrV6: get('daddr_v6'),
  };
  for (const v of Object.values(fields)) if (!v) return null;
  const ok = fields as { [K in keyof typeof fields]: EventField };
  if (ok.saddr.size !== 4 || ok.daddr.size !== 4 || ok.saddrV6.size !== 16 || ok.daddrV6.size !== 16) return null;
  return { id: f.id, ...ok };
}

const AF_INET = 2;
const AF_INET6 = 10;

/**
 * Decodes the record at `r` of `page`, or null when it is another event or too short for the layout. `dv` is a
 * view of the whole page; pass one per page when decoding many records.
 */
export function decodeSetState(
  page: Uint8Array,
  r: RingRecord,
  l: SetStateLayout,
  dv = new DataView(page.buffer, page.byteOffset, page.length),
): SetStateRecord | null {
  const need = Math.max(l.daddrV6.offset + 16, l.skaddr.offset + l.skaddr.size, l.protocol.offset + 2);
  if (r.length < need || r.offset + r.length > page.length) return null;
  const at = r.offset;
  if (readInt(dv, at, l.type) !== l.id) return null;
  const family = readInt(dv, at, l.family);
  const v4 = family === AF_INET;
  if (!v4 && family !== AF_INET6) return null;
  return {
    pid: readInt(dv, at, l.pid),
    skaddr: hex(dv, at, l.skaddr),
    oldstate: readInt(dv, at, l.oldstate),
    newstate: readInt(dv, at, l.newstate),
    sport: readInt(dv, at, l.sport),
    dport: readInt(dv, at, l.dport),
    family,
    protocol: readInt(dv, at, l.protocol),
    saddr: v4 ? ipv4Text(page, at + l.saddr.offset) : formatIPv6(page, at + l.saddrV6.offset),
    daddr: v4 ? ipv4Text(page, at + l.daddr.offset) : formatIPv6(page, at + l.daddrV6.offset),
  };
}

function readInt(dv: DataView, at: number, f: EventField): number {
  const p = at + f.offset;
  switch (f.size) {
    case 1:
      return f.signed ? dv.getInt8(p) : dv.getUint8(p);
    case 2:
      return f.signed ? dv.getInt16(p, true) : dv.getUint16(p, true);
    case 4:
      return f.signed ? dv.getInt32(p, true) : dv.getUint32(p, true);
    default:
      return dv.getUint32(p, true) + dv.getUint32(p + 4, true) * 4294967296;
  }
}

/** A pointer-sized field as lower-case hex without leading zeros ("ffff8881976eca00"), without a BigInt. */
function hex(dv: DataView, at: number, f: EventField): string {
  const lo = dv.getUint32(at + f.offset, true);
  const hi = f.size === 8 ? dv.getUint32(at + f.offset + 4, true) : 0;
  return hi === 0 ? lo.toString(16) : hi.toString(16) + lo.toString(16).padStart(8, '0');
}
