// The monitor's bookkeeping around a refresh, with a scripted collector process.
import { describe, expect, it } from 'vitest';
import type { SocketDelta } from '../../shared/model/snapshot';
import type { Socket } from '../../shared/model/socket';
import { sock as fixture } from '../../shared/test-support/sockets';
import { NO_KERNEL_EVENTS } from '../../shared/model/kernel-events';
import { scripted, stats } from '../test-support/scripted-worker';
import { CollectorHost } from './collector/host';
import { SocketMonitor } from './socket-monitor';

const sock = (port: number): Socket =>
  fixture({
    localPort: port,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    state: 'LISTEN',
    pid: 7,
    process: 'node',
    inode: port,
    sendQueue: 128,
    key: `k${port}`,
    firstSeen: 1,
    stateSince: 1,
  });

describe('SocketMonitor', () => {
  it('pushes every delta with consecutive seq even when the history hook throws, and reports that error', async () => {
    let tick = 0;
    const host = new CollectorHost({
      spawn: () =>
        scripted(true, (r) =>
          r.op === 'full'
            ? { kind: 'full', sockets: [sock(1)], processes: [], stats, events: NO_KERNEL_EVENTS }
            : {
                kind: 'tick',
                added: [sock(100 + ++tick)],
                removed: [],
                changed: [],
                processes: [],
                stats,
                events: NO_KERNEL_EVENTS,
              },
        ),
    });
    const deltas: SocketDelta[] = [];
    const m = new SocketMonitor({
      host,
      intervalMs: 1000,
      elevated: true,
      onDelta: (d) => deltas.push(d),
      onStatus: () => {},
      onTick: () => {
        throw new Error('history broke');
      },
    });
    await m.refresh();
    await m.refresh();
    await m.refresh();
    expect(deltas.map((d) => d.seq)).toEqual([1, 2, 3]);
    expect(m.status().errors.map((e) => e.code)).toEqual(['INTERNAL', 'INTERNAL', 'INTERNAL']);
    expect(m.status().errors[0].message).toMatch(/history broke/);
    host.dispose();
  });
});
