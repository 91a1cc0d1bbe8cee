// SOCK_DESTROY request bytes against the documented layout, ACK decoding, and errno -> app error mapping.
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/model/errors';
import { decodeAck, destroyError, encodeSockDestroy, SOCK_DESTROY_REQUEST_LEN } from './sock-destroy-encode';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('encodeSockDestroy', () => {
  it('lays out nlmsghdr + inet_diag_req_v2 for an IPv4 4-tuple byte by byte', () => {
    const b = encodeSockDestroy(
      { family: 4, localAddress: '127.0.0.1', localPort: 8080, remoteAddress: '10.1.2.3', remotePort: 443 },
      0x01020304,
    );
    expect(b.length).toBe(72);
    expect(SOCK_DESTROY_REQUEST_LEN).toBe(72);
    // nlmsghdr, host order (little-endian here): len 72, type 21, flags REQUEST|ACK = 5, seq, pid 0.
    expect(hex(b.subarray(0, 16))).toBe('48000000' + '1500' + '0500' + '04030201' + '00000000');
    // family AF_INET 2, protocol IPPROTO_TCP 6, ext 0, pad 0, states 0xffffffff.
    expect(hex(b.subarray(16, 24))).toBe('02060000' + 'ffffffff');
    // sockid: sport 8080 = 0x1f90 and dport 443 = 0x01bb in network order.
    expect(hex(b.subarray(24, 28))).toBe('1f90' + '01bb');
    // src[4] = local, dst[4] = remote; an IPv4 address fills the first word only.
    expect(hex(b.subarray(28, 44))).toBe('7f000001' + '00'.repeat(12));
    expect(hex(b.subarray(44, 60))).toBe('0a010203' + '00'.repeat(12));
    // if = 0 (any interface); cookie = INET_DIAG_NOCOOKIE, both words all ones.
    expect(hex(b.subarray(60, 64))).toBe('00000000');
    expect(hex(b.subarray(64, 72))).toBe('ff'.repeat(8));
  });

  it('puts 16-byte IPv6 addresses (mapped ones too) and AF_INET6 10', () => {
    const b = encodeSockDestroy(
      { family: 6, localAddress: '::1', localPort: 1, remoteAddress: '::ffff:127.0.0.1', remotePort: 65535 },
      7,
    );
    expect(b[16]).toBe(10);
    expect(b[17]).toBe(6);
    expect(hex(b.subarray(24, 28))).toBe('0001ffff');
    expect(hex(b.subarray(28, 44))).toBe('00000000000000000000000000000001');
    expect(hex(b.subarray(44, 60))).toBe('00000000000000000000ffff7f000001');
    expect(hex(b.subarray(64, 72))).toBe('ff'.repeat(8));
  });

  it.each([
    [{ family: 4, localAddress: '::1', remoteAddress: '127.0.0.1' }, 'local'],
    [{ family: 6, localAddress: '::1', remoteAddress: '127.0.0.1' }, 'remote'],
    [{ family: 4, localAddress: '127.0.0.1', remoteAddress: 'example.com' }, 'remote'],
  ] as const)('refuses an address of the wrong family: %j', (c, field) => {
    let caught: unknown;
    try {
      encodeSockDestroy({ ...c, localPort: 1, remotePort: 2 }, 1);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught).toMatchObject({ code: 'INVALID_INPUT', key: 'input.addressFamily', params: { field } });
  });
});

/** One NLMSG_ERROR as the kernel sends it: header, s32 -errno, then the echoed request header. */
function errorMessage(seq: number, errno: number, type = 2): Uint8Array {
  const b = new Uint8Array(36);
  const v = new DataView(b.buffer);
  v.setUint32(0, 36, true);
  v.setUint16(4, type, true);
  v.setUint32(8, seq, true);
  v.setInt32(16, -errno, true);
  v.setUint32(20, 72, true);
  v.setUint16(24, 21, true);
  return b;
}

describe('decodeAck', () => {
  it('reads error 0 as success and a negative error as its errno', () => {
    expect(decodeAck(errorMessage(9, 0), 36, 9)).toEqual({ kind: 'ack', errno: 0 });
    expect(decodeAck(errorMessage(9, 95), 36, 9)).toEqual({ kind: 'ack', errno: 95 });
    expect(decodeAck(errorMessage(9, 1), 36, 9)).toEqual({ kind: 'ack', errno: 1 });
  });

  it('skips answers to other sequence numbers and other message types', () => {
    const two = new Uint8Array(72);
    two.set(errorMessage(8, 2), 0);
    two.set(errorMessage(9, 2), 36);
    expect(decodeAck(two, 72, 9)).toEqual({ kind: 'ack', errno: 2 });
    expect(decodeAck(errorMessage(8, 0), 36, 9)).toEqual({ kind: 'none' });
    expect(decodeAck(errorMessage(9, 0, 3), 36, 9)).toEqual({ kind: 'none' });
  });

  it('reports impossible lengths instead of reading past the buffer', () => {
    const b = errorMessage(9, 0);
    new DataView(b.buffer).setUint32(0, 400, true);
    expect(decodeAck(b, 36, 9).kind).toBe('malformed');
    const short = errorMessage(9, 0);
    new DataView(short.buffer).setUint32(0, 18, true);
    expect(decodeAck(short, 18, 9).kind).toBe('malformed');
    expect(decodeAck(b, 99, 9).kind).toBe('malformed');
  });
});

describe('destroyError', () => {
  const c = {
    family: 4,
    localAddress: '127.0.0.1',
    localPort: 80,
    remoteAddress: '127.0.0.1',
    remotePort: 5000,
  } as const;
  it.each([
    [1, 'NEEDS_ELEVATION', 'actions.closeNeedsElevation', /needs CAP_NET_ADMIN: retry as administrator/],
    [13, 'NEEDS_ELEVATION', 'actions.closeNeedsElevation', /CAP_NET_ADMIN/],
    [95, 'NOT_SUPPORTED', 'actions.closeNoKernelSupport', /without CONFIG_INET_DIAG_DESTROY/],
    [
      2,
      'ESRCH',
      'actions.closeNotFound',
      /No such connection 127\.0\.0\.1:80 -> 127\.0\.0\.1:5000: it may have closed/,
    ],
    [22, 'INTERNAL', 'actions.closeFailed', /EINVAL \(errno 22\)/],
  ])('errno %i -> %s', (errno, code, key, message) => {
    const e = destroyError(errno, errno === 22 ? 'EINVAL' : 'E', c);
    expect(e).toMatchObject({ code, key });
    expect(e.message).toMatch(message);
  });
});
