// rawSocket: every field from the part that carries it, in the schema's order.
import { describe, expect, it } from 'vitest';
import { rawSocketSchema, type SocketTuple } from '../model/socket';
import { NO_KERNEL_FACTS, rawSocket } from './raw-socket';

const tuple: SocketTuple = {
  proto: 'tcp',
  family: 6,
  state: 'ESTABLISHED',
  localAddress: '::1',
  localPort: 5000,
  remoteAddress: '::1',
  remotePort: 443,
};
const owners = [{ pid: 7, process: 'node', user: 'alice' }];

describe('rawSocket', () => {
  it('takes the tuple, the kernel facts and the owners each from its own part', () => {
    const metrics = { rttMs: 1, retransmits: 0, bytesSent: 10, bytesReceived: 20 };
    const s = rawSocket(
      tuple,
      { inode: 9, recvQueue: 1, sendQueue: 2, metrics, cookie: '3', kernelStateSince: 4, kernelStateSinceExact: true },
      { pid: 7, process: 'node', user: 'alice', uid: 1000, owners },
    );
    expect(s).toStrictEqual({
      ...tuple,
      pid: 7,
      process: 'node',
      user: 'alice',
      uid: 1000,
      inode: 9,
      recvQueue: 1,
      sendQueue: 2,
      metrics,
      owners,
      cookie: '3',
      kernelStateSince: 4,
      kernelStateSinceExact: true,
    });
    expect(Object.keys(s)).toEqual(Object.keys(rawSocketSchema.shape));
  });

  it('gives a socket without kernel facts nulls and an inexact (absent) clock', () => {
    const s = rawSocket(tuple, NO_KERNEL_FACTS, { pid: null, process: null, user: null, uid: null, owners: [] });
    expect(rawSocketSchema.parse(s)).toStrictEqual(s);
    expect(s).toMatchObject({ inode: null, metrics: null, cookie: null, kernelStateSince: null });
    expect(s.kernelStateSinceExact).toBe(false);
  });
});
