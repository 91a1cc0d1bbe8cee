// Closing a TCP connection on Windows: SetTcpEntry with a MIB_TCPROW in state DELETE_TCB (IPv4 only).
import { parseIPv4Bytes } from '../../../../shared/logic/ip-parse';
import { AppError } from '../../../../shared/model/errors';
import type { SocketTuple } from '../../../../shared/model/socket';
import { setTcpEntry } from '../../ffi/iphlpapi';
import { isElevated } from '../elevation';
import { WIN_TCP_DELETE_TCB } from './tcp-states';
import { closeError } from './win32-errors';

/** The connection to close, as the collector reported it. */
export type TcpConnection = Omit<SocketTuple, 'state'>;

/** sizeof(MIB_TCPROW): dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort. */
export const MIB_TCPROW_SIZE = 20;

function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 0 && port <= 65535;
}

/**
 * Encodes the MIB_TCPROW that SetTcpEntry needs to delete `c`: state DELETE_TCB (12), addresses as stored in
 * network order, ports in network order in the low 16 bits of their DWORD (upper bits zero).
 * Throws INVALID_INPUT for anything that is not an IPv4 TCP connection with valid endpoints.
 */
export function encodeDeleteTcbRow(c: TcpConnection): Uint8Array {
  if (c.proto !== 'tcp' || c.family !== 4) {
    throw new AppError('INVALID_INPUT', 'Only IPv4 TCP connections can be encoded as a MIB_TCPROW.');
  }
  const local = parseIPv4Bytes(c.localAddress);
  const remote = parseIPv4Bytes(c.remoteAddress);
  if (!local || !remote || !validPort(c.localPort) || !validPort(c.remotePort)) {
    throw new AppError('INVALID_INPUT', 'The connection has an invalid address or port.');
  }
  const row = new Uint8Array(MIB_TCPROW_SIZE);
  new DataView(row.buffer).setUint32(0, WIN_TCP_DELETE_TCB, true);
  row.set(local, 4);
  row[8] = c.localPort >> 8;
  row[9] = c.localPort & 0xff;
  row.set(remote, 12);
  row[16] = c.remotePort >> 8;
  row[17] = c.remotePort & 0xff;
  return row;
}

/**
 * Closes (resets) an established IPv4 TCP connection. IPv6 has no SetTcpEntry counterpart: NOT_SUPPORTED.
 * Needs elevation; failures map to NEEDS_ELEVATION, EPERM, ESRCH (see closeError).
 */
export function closeTcpConnection(c: TcpConnection): void {
  if (c.proto !== 'tcp') throw new AppError('INVALID_INPUT', 'Only TCP connections can be closed.');
  if (c.family === 6) {
    throw new AppError(
      'NOT_SUPPORTED',
      'Windows can only close IPv4 connections (SetTcpEntry has no IPv6 form): end the owning process instead.',
    );
  }
  const rc = setTcpEntry(encodeDeleteTcbRow(c));
  if (rc !== 0) throw closeError(rc, isElevated());
}
