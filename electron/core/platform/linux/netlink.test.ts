// Netlink walks: every message and rtattr visited in order; a length that cannot be stops the walk and says where.
import { describe, expect, it } from 'vitest';
import { eachAttr, eachMessage, NLMSG_HDRLEN, writeNlmsghdr } from './netlink';
import { concat, LE, nlmsg, rtattr, SEQ } from './sockdiag-test-bytes';

const view = (b: Uint8Array): DataView => new DataView(b.buffer, b.byteOffset, b.length);

describe('eachMessage', () => {
  it('visits each message with its type, sequence, offset and length until the visitor answers', () => {
    const buf = concat(nlmsg(20, new Uint8Array(5)), nlmsg(3, new Uint8Array(4), 9), nlmsg(2, new Uint8Array(4)));
    const seen: number[][] = [];
    const answer = eachMessage(view(buf), buf.length, (type, seq, off, len) => {
      seen.push([type, seq, off, len]);
      return type === 3 ? 'done' : undefined;
    });
    expect(answer).toBe('done');
    expect(seen).toEqual([
      [20, SEQ, 0, NLMSG_HDRLEN + 5],
      [3, 9, 24, NLMSG_HDRLEN + 4],
    ]);
    expect(eachMessage(view(buf), buf.length, () => undefined)).toBeUndefined();
  });

  it.each([
    ['shorter than its header', 8],
    ['past the buffer', 44],
  ])('calls a message whose length is %s malformed', (_, len) => {
    const buf = concat(nlmsg(20, new Uint8Array(4)), nlmsg(20, new Uint8Array(4)));
    view(buf).setUint32(20, len, LE);
    const visited: number[] = [];
    expect(eachMessage(view(buf), buf.length, (_t, _s, off) => void visited.push(off))).toEqual({
      kind: 'malformed',
      message: `netlink message length ${len} at byte 20`,
    });
    expect(visited).toEqual([0]);
  });
});

describe('eachAttr', () => {
  it('visits each attribute with its type (flags cleared) and payload, and returns -1 when all fit', () => {
    const buf = concat(rtattr(2, new Uint8Array(5)), rtattr(0x8000 | 10, Uint8Array.of(6)));
    const seen: number[][] = [];
    expect(eachAttr(view(buf), 0, buf.length, (type, at, len) => void seen.push([type, at, len]))).toBe(-1);
    expect(seen).toEqual([
      [2, 4, 5],
      [10, 16, 1],
    ]);
  });

  it.each([0, 3, 9])('stops at an attribute of length %i and returns its offset', (len) => {
    const buf = concat(rtattr(2, new Uint8Array(4)), rtattr(2, new Uint8Array(4)));
    view(buf).setUint16(8, len, LE);
    const seen: number[] = [];
    expect(eachAttr(view(buf), 0, buf.length, (_t, at) => void seen.push(at))).toBe(8);
    expect(seen).toEqual([4]);
  });
});

describe('writeNlmsghdr', () => {
  it('writes length, type, flags and sequence (as u32), and leaves the pid 0', () => {
    const v = view(new Uint8Array(NLMSG_HDRLEN));
    writeNlmsghdr(v, 72, 21, 5, -1);
    expect([v.getUint32(0, LE), v.getUint16(4, LE), v.getUint16(6, LE), v.getUint32(8, LE), v.getUint32(12)]).toEqual([
      72, 21, 5, 0xffffffff, 0,
    ]);
  });
});
