// Pure decoding of libproc buffers: struct socket_fdinfo, the proc_fdinfo list and struct proc_bsdinfo.
//
// Offsets follow XNU bsd/sys/proc_info.h (apple-oss-distributions/xnu) on LP64 macOS (x86_64 and arm64 lay the
// structs out alike). struct socket_fdinfo { struct proc_fileinfo pfi (24 bytes); struct socket_info psi; }, and
//   socket_info: vinfo_stat soi_stat (136) @0; u64 soi_so @136; u64 soi_pcb @144; int soi_type @152;
//     int soi_protocol @156; int soi_family @160; short soi_options @164, soi_linger @166, soi_state @168,
//     soi_qlen @170, soi_incqlen @172, soi_qlimit @174, soi_timeo @176; u16 soi_error @178; u32 soi_oobmark @180;
//     sockbuf_info soi_rcv (24, sbi_cc first) @184; soi_snd @208; int soi_kind @232; u32 rfu_1 @236;
//     union soi_proto @240 (in_sockinfo / tcp_sockinfo / un_sockinfo ..., 528 bytes)
//   in_sockinfo: int insi_fport @0; int insi_lport @4; u64 insi_gencnt @8; u32 insi_flags @16; u32 insi_flow @20;
//     u8 insi_vflag @24; u8 insi_ip_ttl @25; u32 rfu_1 @28; insi_faddr (in4in6_addr | in6_addr, 16) @32;
//     insi_laddr @48; insi_v4 @64; insi_v6 @68; 80 bytes in all
//   tcp_sockinfo: in_sockinfo tcpsi_ini @0; int tcpsi_state @80; ...
// This code cannot run on the Linux machines that test it: the unit tests build these byte layouts from the
// header by hand, so a layout change in a future macOS shows up only on a Mac.
import { formatIPv4, formatIPv6 } from '../../../../shared/logic/address';
import type { Family, Proto, SocketState, SocketTuple } from '../../../../shared/model/socket';
import { DARWIN_TCP_LISTEN, tcpStateFromDarwin } from './tcp-states';

/** sizeof(struct socket_fdinfo) on LP64: 24 + 768 (PROC_PIDFDSOCKETINFO_SIZE). */
export const SOCKET_FDINFO_SIZE = 792;
/** sizeof(struct proc_fdinfo): int32 proc_fd, uint32 proc_fdtype. */
export const PROC_FDINFO_SIZE = 8;
/** sizeof(struct proc_bsdinfo) (PROC_PIDTBSDINFO_SIZE). */
export const PROC_BSDINFO_SIZE = 136;
/** proc_fdtype of a socket (PROX_FDTYPE_SOCKET). */
export const PROX_FDTYPE_SOCKET = 2;

const PSI = 24;
export const OFF = {
  soiSo: PSI + 136,
  soiProtocol: PSI + 156,
  soiFamily: PSI + 160,
  soiQlen: PSI + 170,
  soiQlimit: PSI + 174,
  soiRcvCc: PSI + 184,
  soiSndCc: PSI + 208,
  soiKind: PSI + 232,
  proto: PSI + 240,
} as const;
/** Offsets inside in_sockinfo. */
export const INSI = { fport: 0, lport: 4, vflag: 24, faddr: 32, laddr: 48, tcpState: 80 } as const;

/** Socket families and kinds as macOS numbers them. */
export const AF_INET = 2;
export const AF_INET6 = 30;
export const SOCKINFO_IN = 1;
export const SOCKINFO_TCP = 2;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
/** insi_vflag bits. */
export const INI_IPV4 = 0x1;
export const INI_IPV6 = 0x2;

/** One TCP/UDP socket read from a process's fd. */
export interface DarwinSocketRow extends SocketTuple {
  readonly recvQueue: number;
  readonly sendQueue: number;
  /** soi_so: the kernel socket's address, the same for every fd (and process) that shares the socket. */
  readonly socketId: string;
}

/** A decoded socket, null for a socket that is not TCP/UDP over IP (Unix, kernel control ...), or an error. */
export type FdInfoDecode =
  { readonly ok: true; readonly row: DarwinSocketRow | null } | { readonly ok: false; readonly message: string };

const NOT_INET: FdInfoDecode = { ok: true, row: null };

/** insi ports: an int holding the u16 port in network order, so its first two bytes are the port big-endian. */
function portAt(buf: Uint8Array, off: number): number {
  return (buf[off] << 8) | buf[off + 1];
}

/** An insi address: IPv6 when the socket speaks v6, else the in4in6_addr's IPv4 (mapped text on a v6 socket). */
function addressAt(buf: Uint8Array, off: number, family: Family, v6: boolean): string {
  if (family === 4) return formatIPv4(buf, off + 12);
  return v6 ? formatIPv6(buf, off) : '::ffff:' + formatIPv4(buf, off + 12);
}

/** Decodes the first `length` bytes of `buf` as struct socket_fdinfo (proc_pidfdinfo PROC_PIDFDSOCKETINFO). */
export function decodeSocketFdInfo(buf: Uint8Array, length: number): FdInfoDecode {
  if (length > buf.length) return { ok: false, message: `length ${length} past the ${buf.length}-byte buffer` };
  if (length < SOCKET_FDINFO_SIZE) {
    return { ok: false, message: `socket_fdinfo of ${length} bytes < ${SOCKET_FDINFO_SIZE} (truncated)` };
  }
  const dv = new DataView(buf.buffer, buf.byteOffset, length);
  const af = dv.getInt32(OFF.soiFamily, true);
  if (af !== AF_INET && af !== AF_INET6) return NOT_INET;
  const kind = dv.getInt32(OFF.soiKind, true);
  const protocol = dv.getInt32(OFF.soiProtocol, true);
  let proto: Proto;
  if (kind === SOCKINFO_TCP && protocol === IPPROTO_TCP) proto = 'tcp';
  else if (kind === SOCKINFO_IN && protocol === IPPROTO_UDP) proto = 'udp';
  else return NOT_INET;

  const ini = OFF.proto;
  const family: Family = af === AF_INET ? 4 : 6;
  const v6 = (buf[ini + INSI.vflag] & INI_IPV6) !== 0;
  const remotePort = portAt(buf, ini + INSI.fport);
  let state: SocketState | null;
  let listen = false;
  if (proto === 'tcp') {
    const n = dv.getInt32(ini + INSI.tcpState, true);
    state = tcpStateFromDarwin(n);
    listen = n === DARWIN_TCP_LISTEN;
  } else {
    // A connect()ed UDP socket has a foreign port; Linux calls that ESTABLISHED, and so does the model.
    state = remotePort === 0 ? 'UNCONN' : 'ESTABLISHED';
  }
  if (state === null) return NOT_INET;
  return {
    ok: true,
    row: {
      proto,
      family,
      state,
      localAddress: addressAt(buf, ini + INSI.laddr, family, v6),
      localPort: portAt(buf, ini + INSI.lport),
      remoteAddress: addressAt(buf, ini + INSI.faddr, family, v6),
      remotePort,
      // For a listener, report the accept queue and backlog, as Linux does.
      recvQueue: listen ? dv.getInt16(OFF.soiQlen, true) : dv.getUint32(OFF.soiRcvCc, true),
      sendQueue: listen ? dv.getInt16(OFF.soiQlimit, true) : dv.getUint32(OFF.soiSndCc, true),
      socketId: dv.getBigUint64(OFF.soiSo, true).toString(16),
    },
  };
}

/** The socket fds in the first `length` bytes of a PROC_PIDLISTFDS answer (an array of struct proc_fdinfo). */
export function socketFds(buf: Uint8Array, length: number): number[] {
  const n = Math.floor(Math.min(length, buf.length) / PROC_FDINFO_SIZE);
  const dv = new DataView(buf.buffer, buf.byteOffset, n * PROC_FDINFO_SIZE);
  const fds: number[] = [];
  for (let i = 0; i < n; i++) {
    if (dv.getUint32(i * PROC_FDINFO_SIZE + 4, true) === PROX_FDTYPE_SOCKET) fds.push(dv.getInt32(i * 8, true));
  }
  return fds;
}

/** What a process's struct proc_bsdinfo tells us. */
export interface BsdInfo {
  readonly pid: number;
  readonly uid: number;
  /** pbi_name when set (up to 32 bytes), else pbi_comm (up to 16). */
  readonly name: string;
  /** Start time (ms since epoch). */
  readonly startTime: number;
}

function cString(buf: Uint8Array, off: number, max: number): string {
  let end = off;
  while (end < off + max && buf[end] !== 0) end++;
  return new TextDecoder().decode(buf.subarray(off, end));
}

/** pbi_ppid (u32 @16) of a struct proc_bsdinfo already checked by decodeBsdInfo. */
export function bsdParentPid(buf: Uint8Array): number {
  return new DataView(buf.buffer, buf.byteOffset, PROC_BSDINFO_SIZE).getUint32(16, true);
}

/**
 * Decodes struct proc_bsdinfo: pbi_pid @12, pbi_uid @20, pbi_comm[16] @48, pbi_name[32] @64,
 * pbi_start_tvsec @120, pbi_start_tvusec @128. Null when truncated.
 */
export function decodeBsdInfo(buf: Uint8Array, length: number): BsdInfo | null {
  if (length < PROC_BSDINFO_SIZE || length > buf.length) return null;
  const dv = new DataView(buf.buffer, buf.byteOffset, length);
  const name = cString(buf, 64, 32) || cString(buf, 48, 16);
  const sec = Number(dv.getBigUint64(120, true));
  const usec = Number(dv.getBigUint64(128, true));
  return { pid: dv.getUint32(12, true), uid: dv.getUint32(20, true), name, startTime: sec * 1000 + usec / 1000 };
}
