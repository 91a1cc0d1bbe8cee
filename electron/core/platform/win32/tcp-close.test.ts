// The MIB_TCPROW that SetTcpEntry gets, byte for byte, and the refusals that never reach native code.
import { describe, expect, it } from 'vitest';
import { thrownBy } from '../../../../shared/test-support/app-errors';
import { closeTcpConnection, encodeDeleteTcbRow, MIB_TCPROW_SIZE } from './tcp-close';

const conn = {
  proto: 'tcp',
  family: 4,
  localAddress: '127.0.0.1',
  localPort: 8080,
  remoteAddress: '192.168.10.20',
  remotePort: 51234,
} as const;

describe('encodeDeleteTcbRow', () => {
  it('encodes state DELETE_TCB, network-order addresses and ports in the low 16 bits', () => {
    const row = encodeDeleteTcbRow(conn);
    expect(row.length).toBe(MIB_TCPROW_SIZE);
    const fields = (from: number, to: number): number[] => Array.from(row.subarray(from, to));
    expect(fields(0, 4)).toEqual([12, 0, 0, 0]); // dwState = MIB_TCP_STATE_DELETE_TCB
    expect(fields(4, 8)).toEqual([127, 0, 0, 1]); // dwLocalAddr
    expect(fields(8, 12)).toEqual([0x1f, 0x90, 0, 0]); // dwLocalPort 8080
    expect(fields(12, 16)).toEqual([192, 168, 10, 20]); // dwRemoteAddr
    expect(fields(16, 20)).toEqual([0xc8, 0x22, 0, 0]); // dwRemotePort 51234
  });

  it('refuses what is not an IPv4 TCP connection with valid endpoints', () => {
    expect(thrownBy(() => encodeDeleteTcbRow({ ...conn, family: 6 }))).toBe('INVALID_INPUT');
    expect(thrownBy(() => encodeDeleteTcbRow({ ...conn, proto: 'udp' }))).toBe('INVALID_INPUT');
    expect(thrownBy(() => encodeDeleteTcbRow({ ...conn, localAddress: '1.2.3' }))).toBe('INVALID_INPUT');
    expect(thrownBy(() => encodeDeleteTcbRow({ ...conn, remotePort: 65536 }))).toBe('INVALID_INPUT');
    expect(thrownBy(() => encodeDeleteTcbRow({ ...conn, localPort: -1 }))).toBe('INVALID_INPUT');
  });
});

describe('closeTcpConnection', () => {
  it('answers NOT_SUPPORTED for IPv6 before any native call', () => {
    expect(thrownBy(() => closeTcpConnection({ ...conn, family: 6, localAddress: '::1', remoteAddress: '::1' }))).toBe(
      'NOT_SUPPORTED',
    );
  });

  it('refuses UDP', () => {
    expect(thrownBy(() => closeTcpConnection({ ...conn, proto: 'udp' }))).toBe('INVALID_INPUT');
  });
});
