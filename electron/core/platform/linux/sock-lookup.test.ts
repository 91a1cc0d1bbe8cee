// The exact lookup's bytes, the reply it decodes, and a destroy request that names one socket by state and cookie.
import { describe, expect, it } from 'vitest';
import { encodeSockDestroy } from './sock-destroy-encode';
import { decodeLookupReply, encodeSockLookup } from './sock-lookup-encode';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const conn = {
  family: 4,
  localAddress: '127.0.0.1',
  localPort: 8080,
  remoteAddress: '10.1.2.3',
  remotePort: 443,
} as const;

/** A SOCK_DIAG_BY_FAMILY reply: nlmsghdr + inet_diag_msg for `conn` in Linux state `state`. */
function reply(seq: number, state: number, cookie: number[], inode: number): Uint8Array {
  const b = new Uint8Array(16 + 72);
  const v = new DataView(b.buffer);
  v.setUint32(0, b.length, true);
  v.setUint16(4, 20, true);
  v.setUint32(8, seq, true);
  b[16] = 2;
  b[17] = state;
  v.setUint16(20, 8080, false);
  v.setUint16(22, 0, false);
  b.set([127, 0, 0, 1], 24);
  b.set([0, 0, 0, 0], 40);
  b.set(cookie, 60);
  v.setUint32(80, 1000, true);
  v.setUint32(84, inode, true);
  return b;
}

describe('encodeSockLookup', () => {
  it('is SOCK_DIAG_BY_FAMILY, REQUEST only (no dump), any state, no cookie, the 4-tuple as SOCK_DESTROY puts it', () => {
    const b = encodeSockLookup(conn, 9);
    expect(b.length).toBe(72);
    expect(hex(b.subarray(0, 16))).toBe('48000000' + '1400' + '0100' + '09000000' + '00000000');
    expect(hex(b.subarray(16, 24))).toBe('02060000' + 'ffffffff');
    expect(hex(b.subarray(24, 28))).toBe('1f90' + '01bb');
    expect(hex(b.subarray(64, 72))).toBe('ff'.repeat(8));
  });
});

describe('decodeLookupReply', () => {
  it('reads the socket the kernel found: state, endpoints, cookie, uid, inode', () => {
    const r = decodeLookupReply(reply(9, 10, [1, 2, 3, 4, 5, 6, 7, 8], 4242), 88, 9);
    expect(r).toMatchObject({
      kind: 'found',
      socket: {
        family: 4,
        linuxState: 10,
        localAddress: '127.0.0.1',
        localPort: 8080,
        remoteAddress: '0.0.0.0',
        remotePort: 0,
        uid: 1000,
        inode: 4242,
      },
    });
    if (r.kind === 'found') expect(Array.from(r.socket.cookie)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('gives the errno of an NLMSG_ERROR, skips other sequence numbers, refuses bad lengths', () => {
    const err = new Uint8Array(36);
    const v = new DataView(err.buffer);
    v.setUint32(0, 36, true);
    v.setUint16(4, 2, true);
    v.setUint32(8, 9, true);
    v.setInt32(16, -2, true);
    expect(decodeLookupReply(err, 36, 9)).toEqual({ kind: 'error', errno: 2 });
    expect(decodeLookupReply(reply(8, 1, [0, 0, 0, 0, 0, 0, 0, 0], 1), 88, 9)).toEqual({ kind: 'none' });
    const bad = reply(9, 1, [0, 0, 0, 0, 0, 0, 0, 0], 1);
    new DataView(bad.buffer).setUint32(0, 200, true);
    expect(decodeLookupReply(bad, 88, 9).kind).toBe('malformed');
  });
});

describe('encodeSockDestroy for a looked-up socket', () => {
  it('names that socket only: the state bit of the state found and its cookie', () => {
    const cookie = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
    const b = encodeSockDestroy(conn, 3, { states: 1 << 1, cookie });
    expect(hex(b.subarray(16, 24))).toBe('02060000' + '02000000');
    expect(hex(b.subarray(64, 72))).toBe('0102030405060708');
  });
});
