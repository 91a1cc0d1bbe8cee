// iphlpapi.dll bindings through koffi: the owner-PID TCP/UDP tables and SetTcpEntry.
import { Win32Error } from './kernel32';
import { lazyLibrary } from './native-library';

/** Address families as iphlpapi takes them (ws2def.h). */
export const AF_INET = 2;
export const AF_INET6 = 23;
/** TCP_TABLE_CLASS / UDP_TABLE_CLASS values (iprtrmib.h). */
export const TCP_TABLE_OWNER_PID_ALL = 5;
export const UDP_TABLE_OWNER_PID = 1;
/** The buffer was too small; the size argument now holds what is needed. */
export const ERROR_INSUFFICIENT_BUFFER = 122;

/** The parameters GetExtendedTcpTable and GetExtendedUdpTable share. */
const TABLE_PARAMS = ['_Out_ void *', '_Inout_ uint32_t *', 'int', 'uint32_t', 'int', 'uint32_t'];

/** iphlpapi.dll, loaded on first use. */
const lib = lazyLibrary('iphlpapi.dll', {
  GetExtendedTcpTable: ['uint32_t', TABLE_PARAMS],
  GetExtendedUdpTable: ['uint32_t', TABLE_PARAMS],
  SetTcpEntry: ['uint32_t', ['void *']],
});

/** Attempts before giving up on a table that keeps outgrowing the buffer (sockets opening in a burst). */
const MAX_ATTEMPTS = 5;

/**
 * One reusable buffer per table, sized by the last call: at steady state a snapshot costs one native call per
 * table instead of a sizing call plus a fetch (each walks the whole table, ~10 s at 40,000 sockets under Wine).
 */
const buffers = new Map<string, Buffer>();

function fetchTable(fnName: 'GetExtendedTcpTable' | 'GetExtendedUdpTable', af: number, cls: number): Uint8Array {
  const key = `${fnName}/${af}`;
  let buf = buffers.get(key) ?? Buffer.alloc(16_384);
  const fn = lib()[fnName];
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const size = [buf.length];
    const rc = fn(buf, size, 0, af, cls, 0);
    if (rc === 0) {
      buffers.set(key, buf);
      return buf.subarray(0, Math.min(size[0], buf.length));
    }
    if (rc !== ERROR_INSUFFICIENT_BUFFER) throw new Win32Error(fnName, rc);
    // Headroom, because the table can grow between this call and the next.
    buf = Buffer.alloc(Math.ceil(size[0] * 1.25) + 4096);
  }
  throw new Win32Error(fnName, ERROR_INSUFFICIENT_BUFFER);
}

/**
 * GetExtendedTcpTable(TCP_TABLE_OWNER_PID_ALL) for `af`: the raw table (DWORD count, then rows). The bytes live
 * in a buffer reused by the next call for the same table: decode them before calling again.
 */
export function getTcpTable(af: typeof AF_INET | typeof AF_INET6): Uint8Array {
  return fetchTable('GetExtendedTcpTable', af, TCP_TABLE_OWNER_PID_ALL);
}

/** GetExtendedUdpTable(UDP_TABLE_OWNER_PID) for `af`; same buffer rules as getTcpTable. */
export function getUdpTable(af: typeof AF_INET | typeof AF_INET6): Uint8Array {
  return fetchTable('GetExtendedUdpTable', af, UDP_TABLE_OWNER_PID);
}

/** SetTcpEntry with a 20-byte MIB_TCPROW; returns its Win32 result code (0 on success). */
export function setTcpEntry(row: Uint8Array): number {
  return lib().SetTcpEntry(row);
}
