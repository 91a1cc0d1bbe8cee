// Fallback source: parses /proc/net/{tcp,tcp6,udp,udp6} text into KernelSocket rows (pure parse + a thin reader).
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { formatIPv4, formatIPv6 } from '../../../../shared/logic/address';
import type { Family, Proto } from '../../../../shared/model/socket';
import type { KernelSocket } from './kernel-socket';
import { LINUX_TCP_LISTEN, tcpStateFromLinux, udpStateFromLinux } from './tcp-states';

const HOST_LITTLE_ENDIAN = endianness() === 'LE';

/**
 * Parses one /proc/net table. The kernel prints each address as 32-bit words in host byte order (`%08X` of the
 * in-memory word), so on little-endian hosts the bytes of each word appear reversed; ports are already in host
 * order. For LISTEN, rx_queue is the accept queue and tx_queue carries no backlog, so sendQueue is null.
 * Lines that do not parse (header, truncated last line) are skipped.
 */
export function parseProcNet(
  text: string,
  proto: Proto,
  family: Family,
  littleEndian = HOST_LITTLE_ENDIAN,
): KernelSocket[] {
  const out: KernelSocket[] = [];
  const addrHex = family === 4 ? 8 : 32;
  const bytes = new Uint8Array(16);
  const format = family === 4 ? formatIPv4 : formatIPv6;
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || !f[0].endsWith(':')) continue;
    const local = splitEndpoint(f[1], addrHex);
    const remote = splitEndpoint(f[2], addrHex);
    const st = parseInt(f[3], 16);
    const queues = f[4].split(':');
    const uid = Number(f[7]);
    const inode = Number(f[9]);
    if (!local || !remote || queues.length !== 2 || !Number.isInteger(uid) || !Number.isInteger(inode)) continue;
    const state = proto === 'tcp' ? tcpStateFromLinux(st) : udpStateFromLinux(st);
    if (!state) continue;
    if (!hexToBytes(local.hex, bytes, littleEndian)) continue;
    const localAddress = format(bytes, 0);
    if (!hexToBytes(remote.hex, bytes, littleEndian)) continue;
    const remoteAddress = format(bytes, 0);
    const tx = parseInt(queues[0], 16);
    const rx = parseInt(queues[1], 16);
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
      recvQueue: Number.isNaN(rx) ? null : rx,
      sendQueue: Number.isNaN(tx) || (proto === 'tcp' && st === LINUX_TCP_LISTEN) ? null : tx,
      metrics: null,
      cookie: null,
      kernelStateSince: null,
      kernelStateSinceExact: false,
    });
  }
  return out;
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

/** Reads and parses one table, e.g. ('tcp', 6) -> /proc/net/tcp6; a missing table (no IPv6) is empty. */
export function readProcNet(proto: Proto, family: Family): KernelSocket[] {
  let text: string;
  try {
    text = readFileSync(`/proc/net/${proto}${family === 6 ? '6' : ''}`, 'latin1');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  return parseProcNet(text, proto, family);
}
