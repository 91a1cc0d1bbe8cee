// Listen queue: Recv-Q near Send-Q (the backlog) on a LISTEN socket.
import { describe, expect, it } from 'vitest';
import { sock } from '../../test-support/sockets';
import { listenQueueRule } from './listen-queue-rule';
import { input } from './test-input';

const listen = (queued: number, backlog: number) =>
  sock({ state: 'LISTEN', localPort: 8080, remotePort: 0, recvQueue: queued, sendQueue: backlog });

describe('listenQueueRule', () => {
  it('warns at 80 % of the backlog and is critical when full', () => {
    expect(listenQueueRule(input([listen(410, 511)]))[0]?.severity).toBe('warning');
    const full = listenQueueRule(input([listen(512, 511)]));
    expect(full[0]).toMatchObject({ severity: 'critical', titleParams: { queued: 512, backlog: 511 } });
  });

  it('stays quiet with room in the queue, or without queue data', () => {
    expect(
      listenQueueRule(input([listen(3, 511), sock({ state: 'LISTEN', recvQueue: null, sendQueue: null })])),
    ).toEqual([]);
  });
});
