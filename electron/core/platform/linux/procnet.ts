// Fallback source: parses /proc/net/{tcp,tcp6,udp,udp6} text into KernelSocket rows (pure parse + a thin reader).
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { formatIPv4, formatIPv6 } from '../../../../shared/logic/address';
import type { Family, Proto } from '../../../../shared/model/socket';
import type { KernelSocket } from './kernel-socket';
import { LINUX_TCP_LISTEN, tcpStateFromLinux, udpStateFromLinux } from './tcp-states';

const HOST_LITTLE_ENDIAN = endianness() === 'LE';

/** One /proc/net line the kernel could not have printed: which table, which line (1-based), which field. */
export interface ProcNetDecodeError {
  /** e.g. `tcp6`. */
  readonly table: string;
  readonly line: number;
  /** `line` (not a socket line at all), `local_address`, `rem_address`, `st`, `queues`, `uid` or `inode`. */
  readonly field: string;
  /** The offending text, cut to 64 characters. */
  readonly value: string;
}

/** (uid_t)-1 means "no uid" to the kernel; /proc shows unmapped uids as the overflow uid, never as this. */
const MAX_UID = 0xfffffffe;
/** Socket inodes come from get_next_ino(), an unsigned int, as sock_diag's u32 idiag_inode also says. */
const MAX_INODE = 0xffffffff;

/**
 * Parses one /proc/net table. The kernel prints each address as 32-bit words in host byte order (`%08X` of the
 * in-memory word), so on little-endian hosts the bytes of each word appear reversed; ports are already in host
 * order. For LISTEN, rx_queue is the accept queue and tx_queue carries no backlog, so sendQueue is null.
 * Every field is checked against what the kernel can print (`%02X` state, `%08X:%08X` queues, `%5u` uid, `%lu`
 * inode within 32 bits): a line that fails is left out and, with `errors`, reported there. The header and empty
 * lines are skipped silently.
 */
export function parseProcNet(
  text: string,
  proto: Proto,
  family: Family,
  littleEndian = HOST_LITTLE_ENDIAN,
  errors?: ProcNetDecodeError[],
): KernelSocket[] {
  const out: KernelSocket[] = [];
  const addrHex = family === 4 ? 8 : 32;
  const bytes = new Uint8Array(16);
  const format = family === 4 ? formatIPv4 : formatIPv6;
  const table = `${proto}${family}`;
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (line.trim() === '' || (n === 0 && line.includes('local_address'))) continue;
    const reject = (field: string, value: string): void => {
      errors?.push({ table, line: n + 1, field, value: value.slice(0, 64) });
    };
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !/^\d+:$/.test(f[0])) {
      reject('line', line.trim());
      continue;
    }
    const local = splitEndpoint(f[1], addrHex);
    if (!local || !hexToBytes(local.hex, bytes, littleEndian)) {
      reject('local_address', f[1]);
      continue;
    }
    const localAddress = format(bytes, 0);
    const remote = splitEndpoint(f[2], addrHex);
    if (!remote || !hexToBytes(remote.hex, bytes, littleEndian)) {
      reject('rem_address', f[2]);
      continue;
    }
    const remoteAddress = format(bytes, 0);
    const st = /^[0-9A-Fa-f]{2}$/.test(f[3]) ? parseInt(f[3], 16) : -1;
    const state = st < 0 ? null : proto === 'tcp' ? tcpStateFromLinux(st) : udpStateFromLinux(st);
    if (!state) {
      reject('st', f[3]);
      continue;
    }
    const queues = /^([0-9A-Fa-f]{1,8}):([0-9A-Fa-f]{1,8})$/.exec(f[4]);
    if (!queues) {
      reject('queues', f[4]);
      continue;
    }
    const uid = boundedDecimal(f[7], MAX_UID);
    if (uid === null) {
      reject('uid', f[7]);
      continue;
    }
    const inode = boundedDecimal(f[9], MAX_INODE);
    if (inode === null) {
      reject('inode', f[9]);
      continue;
    }
    const tx = parseInt(queues[1], 16);
    out.push({
      proto,
      family,
      state,
      localAddress,
      localPort: local.port,
      remoteAddress,
      remotePort: remote.port,
      uid,
      inode,
      recvQueue: parseInt(queues[2], 16),
      sendQueue: proto === 'tcp' && st === LINUX_TCP_LISTEN ? null : tx,
      metrics: null,
      cookie: null,
      kernelStateSince: null,
      kernelStateSinceExact: false,
    });
  }
  return out;
}

/** A decimal of digits only within [0, max], or null (Number() would take "1e300", "-1" or " 5"). */
function boundedDecimal(text: string, max: number): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n <= max ? n : null;
}

function splitEndpoint(field: string, addrHex: number): { hex: string; port: number } | null {
  if (field.length !== addrHex + 5 || field.charCodeAt(addrHex) !== 58 /* : */) return null;
  let port = 0;
  for (let i = addrHex + 1; i < field.length; i++) {
    const d = nibble(field.charCodeAt(i));
    if (d < 0) return null;
    port = (port << 4) | d;
  }
  return { hex: field.slice(0, addrHex), port };
}

/** Value of one hex digit's char code, or -1 (parseInt would accept "7G" as 7). */
function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Writes the address bytes (network order) of `hex` (groups of 8 hex digits, one per 32-bit word) into `out`. */
function hexToBytes(hex: string, out: Uint8Array, littleEndian: boolean): boolean {
  for (let w = 0; w < hex.length / 8; w++) {
    for (let b = 0; b < 4; b++) {
      const hi = nibble(hex.charCodeAt(w * 8 + b * 2));
      const lo = nibble(hex.charCodeAt(w * 8 + b * 2 + 1));
      if (hi < 0 || lo < 0) return false;
      out[w * 4 + (littleEndian ? 3 - b : b)] = (hi << 4) | lo;
    }
  }
  return true;
}

/**
 * Reads and parses one table, e.g. ('tcp', 6) -> /proc/net/tcp6; a missing table (no IPv6) is empty. Lines with
 * impossible values go to `errors` (see parseProcNet).
 */
export function readProcNet(proto: Proto, family: Family, errors?: ProcNetDecodeError[]): KernelSocket[] {
  let text: string;
  try {
    text = readFileSync(`/proc/net/${proto}${family === 6 ? '6' : ''}`, 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return parseProcNet(text, proto, family, HOST_LITTLE_ENDIAN, errors);
}

/** A one-line account of rejected lines for the collector's status (null when none), e.g. for fallbackReason. */
export function describeProcNetErrors(errors: readonly ProcNetDecodeError[]): string | null {
  const first = errors[0];
  if (!first) return null;
  return (
    `${errors.length} /proc/net line${errors.length === 1 ? '' : 's'} with impossible values left out ` +
    `(first: ${first.table} line ${first.line}, ${first.field} ${JSON.stringify(first.value)})`
  );
}
