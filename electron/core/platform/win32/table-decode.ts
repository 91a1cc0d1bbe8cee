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

/** Row sizes (bytes) of the four owner-PID tables (tcpmib.h, udpmib.h). */
export const MIB_TCPROW_OWNER_PID_SIZE = 24;
export const MIB_TCP6ROW_OWNER_PID_SIZE = 56;
export const MIB_UDPROW_OWNER_PID_SIZE = 12;
export const MIB_UDP6ROW_OWNER_PID_SIZE = 28;

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

/** Decodes a MIB_TCPTABLE_OWNER_PID (AF_INET). Rows with an unknown state number are left out. */
export function decodeTcp4Table(buf: Uint8Array): TableDecode {
  const count = rowCount(buf, MIB_TCPROW_OWNER_PID_SIZE, 'MIB_TCPTABLE_OWNER_PID');
  if (typeof count === 'string') return { ok: false, message: count };
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const rows: WinSocketRow[] = [];
  for (let i = 0, off = 4; i < count; i++, off += MIB_TCPROW_OWNER_PID_SIZE) {
    // dwState 0, dwLocalAddr 4, dwLocalPort 8, dwRemoteAddr 12, dwRemotePort 16, dwOwningPid 20.
    const n = dv.getUint32(off, LE);
    const state = tcpStateFromWindows(n);
    if (state === null) continue;
    const listen = n === WIN_TCP_LISTEN;
    rows.push({
      proto: 'tcp',
      family: 4,
      state,
      localAddress: formatIPv4(buf, off + 4),
      localPort: portAt(buf, off + 8),
      // A listener's remote fields are documented as meaningless (and are not always zero).
      remoteAddress: listen ? '0.0.0.0' : formatIPv4(buf, off + 12),
      remotePort: listen ? 0 : portAt(buf, off + 16),
      pid: dv.getUint32(off + 20, LE),
    });
  }
  return { ok: true, rows };
}

/** Decodes a MIB_TCP6TABLE_OWNER_PID (AF_INET6). Rows with an unknown state number are left out. */
export function decodeTcp6Table(buf: Uint8Array): TableDecode {
  const count = rowCount(buf, MIB_TCP6ROW_OWNER_PID_SIZE, 'MIB_TCP6TABLE_OWNER_PID');
  if (typeof count === 'string') return { ok: false, message: count };
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const rows: WinSocketRow[] = [];
  for (let i = 0, off = 4; i < count; i++, off += MIB_TCP6ROW_OWNER_PID_SIZE) {
    // ucLocalAddr 0, dwLocalScopeId 16, dwLocalPort 20, ucRemoteAddr 24, dwRemoteScopeId 40, dwRemotePort 44,
    // dwState 48, dwOwningPid 52.
    const n = dv.getUint32(off + 48, LE);
    const state = tcpStateFromWindows(n);
    if (state === null) continue;
    const listen = n === WIN_TCP_LISTEN;
    rows.push({
      proto: 'tcp',
      family: 6,
      state,
      localAddress: formatIPv6(buf, off),
      localPort: portAt(buf, off + 20),
      remoteAddress: listen ? '::' : formatIPv6(buf, off + 24),
      remotePort: listen ? 0 : portAt(buf, off + 44),
      pid: dv.getUint32(off + 52, LE),
    });
  }
  return { ok: true, rows };
}

/**
 * Decodes a MIB_UDPTABLE_OWNER_PID (AF_INET). The table has no remote endpoint, so every UDP socket reads as
 * unconnected (UNCONN) even after connect(): Windows does not say.
 */
export function decodeUdp4Table(buf: Uint8Array): TableDecode {
  const count = rowCount(buf, MIB_UDPROW_OWNER_PID_SIZE, 'MIB_UDPTABLE_OWNER_PID');
  if (typeof count === 'string') return { ok: false, message: count };
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const rows: WinSocketRow[] = new Array<WinSocketRow>(count);
  for (let i = 0, off = 4; i < count; i++, off += MIB_UDPROW_OWNER_PID_SIZE) {
    // dwLocalAddr 0, dwLocalPort 4, dwOwningPid 8.
    rows[i] = {
      proto: 'udp',
      family: 4,
      state: 'UNCONN',
      localAddress: formatIPv4(buf, off),
      localPort: portAt(buf, off + 4),
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      pid: dv.getUint32(off + 8, LE),
    };
  }
  return { ok: true, rows };
}

/** Decodes a MIB_UDP6TABLE_OWNER_PID (AF_INET6); UNCONN for the same reason as decodeUdp4Table. */
export function decodeUdp6Table(buf: Uint8Array): TableDecode {
  const count = rowCount(buf, MIB_UDP6ROW_OWNER_PID_SIZE, 'MIB_UDP6TABLE_OWNER_PID');
  if (typeof count === 'string') return { ok: false, message: count };
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.length);
  const rows: WinSocketRow[] = new Array<WinSocketRow>(count);
  for (let i = 0, off = 4; i < count; i++, off += MIB_UDP6ROW_OWNER_PID_SIZE) {
    // ucLocalAddr 0, dwLocalScopeId 16, dwLocalPort 20, dwOwningPid 24.
    rows[i] = {
      proto: 'udp',
      family: 6,
      state: 'UNCONN',
      localAddress: formatIPv6(buf, off),
      localPort: portAt(buf, off + 20),
      remoteAddress: '::',
      remotePort: 0,
      pid: dv.getUint32(off + 24, LE),
    };
  }
  return { ok: true, rows };
}
