// Pure decoding of GetExtendedTcpTable / GetExtendedUdpTable owner-PID buffers into socket rows.
import { formatIPv4, formatIPv6 } from '../../../../shared/logic/address';
import type { SocketTuple } from '../../../../shared/model/socket';
import { tcpStateFromWindows, WIN_TCP_LISTEN } from './tcp-states';

/** One row of a Windows socket table, before process details are attached. */
export interface WinSocketRow extends SocketTuple {
  /** dwOwningPid: 0 is the System Idle Process (and, under Wine, every non-Wine process). */
  readonly pid: number;
}

/** Decoded rows, or why the buffer could not be trusted. */
export type TableDecode =
  { readonly ok: true; readonly rows: WinSocketRow[] } | { readonly ok: false; readonly message: string };

/** The tables are little-endian DWORDs on every Windows architecture; ports and addresses in network order. */
const LE = true;

/**
 * A port stored as a DWORD whose low 16 bits hold it in network order; the upper bits may be garbage.
 * In memory (little-endian) that is byte 0 = high byte of the port, byte 1 = low byte.
 */
function portAt(buf: Uint8Array, off: number): number {
  return (buf[off] << 8) | buf[off + 1];
}

/** Checks the DWORD count against the buffer; returns the count or an error message. */
function rowCount(buf: Uint8Array, rowSize: number, what: string): number | string {
  if (buf.length < 4) return `${what}: buffer of ${buf.length} bytes has no row count`;
  const count = new DataView(buf.buffer, buf.byteOffset, buf.length).getUint32(0, LE);
  // The table is packed: every row starts right after the DWORD count (all members are DWORD-aligned).
  if (4 + count * rowSize > buf.length) {
    return `${what}: ${count} rows of ${rowSize} bytes do not fit in ${buf.length} bytes (truncated table)`;
  }
  return count;
}

/** Where a table's rows keep each field (byte offsets into the row); IPv6 scope ids are not read. */
interface RowLayout {
  /** The table's struct, for messages. */
  readonly name: string;
  /** Bytes per row. */
  readonly size: number;
  readonly family: 4 | 6;
  readonly local: readonly [address: number, port: number];
  readonly pid: number;
  /** dwState; null in UDP tables, which have no state and no remote endpoint. */
  readonly state: number | null;
  readonly remote: readonly [address: number, port: number] | null;
}

/** The four owner-PID tables (tcpmib.h, udpmib.h). */
const LAYOUTS = {
  tcp4: { name: 'MIB_TCPTABLE_OWNER_PID', size: 24, family: 4, local: [4, 8], pid: 20, state: 0, remote: [12, 16] },
  tcp6: { name: 'MIB_TCP6TABLE_OWNER_PID', size: 56, family: 6, local: [0, 20], pid: 52, state: 48, remote: [24, 44] },
  udp4: { name: 'MIB_UDPTABLE_OWNER_PID', size: 12, family: 4, local: [0, 4], pid: 8, state: null, remote: null },
  udp6: { name: 'MIB_UDP6TABLE_OWNER_PID', size: 28, family: 6, local: [0, 20], pid: 24, state: null, remote: null },
} as const satisfies Record<string, RowLayout>;

/** Decodes one owner-PID table of `t`'s layout. TCP rows with an unknown state number are left out. */
function decodeTable(buf: Uint8Array, t: RowLayout): TableDecode {
  const count = rowCount(buf, t.size, t.name);
  if (typeof count === 'string') return { ok: false, message: count };
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const address = t.family === 4 ? formatIPv4 : formatIPv6;
  const wildcard = t.family === 4 ? '0.0.0.0' : '::';
  const [localAddress, localPort] = t.local;
  const rows: WinSocketRow[] = [];
  for (let i = 0, off = 4; i < count; i++, off += t.size) {
    const n = t.state === null ? -1 : dv.getUint32(off + t.state, LE);
    const state = t.state === null ? 'UNCONN' : tcpStateFromWindows(n);
    if (state === null) continue;
    // A listener's remote fields are documented as meaningless (and are not always zero).
    const remote = n === WIN_TCP_LISTEN ? null : t.remote;
    rows.push({
      proto: t.state === null ? 'udp' : 'tcp',
      family: t.family,
      state,
      localAddress: address(buf, off + localAddress),
      localPort: portAt(buf, off + localPort),
      remoteAddress: remote === null ? wildcard : address(buf, off + remote[0]),
      remotePort: remote === null ? 0 : portAt(buf, off + remote[1]),
      pid: dv.getUint32(off + t.pid, LE),
    });
  }
  return { ok: true, rows };
}

/** Decodes a MIB_TCPTABLE_OWNER_PID (AF_INET). Rows with an unknown state number are left out. */
export const decodeTcp4Table = (buf: Uint8Array): TableDecode => decodeTable(buf, LAYOUTS.tcp4);

/** Decodes a MIB_TCP6TABLE_OWNER_PID (AF_INET6). Rows with an unknown state number are left out. */
export const decodeTcp6Table = (buf: Uint8Array): TableDecode => decodeTable(buf, LAYOUTS.tcp6);

/**
 * Decodes a MIB_UDPTABLE_OWNER_PID (AF_INET). The table has no remote endpoint, so every UDP socket reads as
 * unconnected (UNCONN) even after connect(): Windows does not say.
 */
export const decodeUdp4Table = (buf: Uint8Array): TableDecode => decodeTable(buf, LAYOUTS.udp4);

/** Decodes a MIB_UDP6TABLE_OWNER_PID (AF_INET6); UNCONN for the same reason as decodeUdp4Table. */
export const decodeUdp6Table = (buf: Uint8Array): TableDecode => decodeTable(buf, LAYOUTS.udp6);
