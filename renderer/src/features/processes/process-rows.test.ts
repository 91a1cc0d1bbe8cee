// The Processes view's row text and the sockets a process holds.
import { describe, expect, it } from 'vitest';
import { sock } from '../../../../shared/test-support/sockets';
import { listeningText, socketsOf, statesText } from './process-rows';

describe('process rows', () => {
  it('writes states in the usual order and listeners by protocol', () => {
    expect(statesText({ ESTABLISHED: 3, LISTEN: 1, TIME_WAIT: 0, UNCONN: 2 })).toBe(
      'LISTEN 1 · ESTABLISHED 3 · UNCONN 2',
    );
    expect(
      listeningText([
        { proto: 'tcp', port: 80 },
        { proto: 'tcp', port: 443 },
        { proto: 'udp', port: 53 },
      ]),
    ).toBe('tcp 80, 443 · udp 53');
  });

  it('finds the sockets of a process, a listener it shares with its master included, listeners first', () => {
    const own = sock({ key: 'c', pid: 7, remoteAddress: '10.0.0.2', remotePort: 443 });
    const shared = sock({
      key: 'l',
      state: 'LISTEN',
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      pid: 1,
      owners: [
        { pid: 1, process: 'nginx', user: 'root' },
        { pid: 7, process: 'nginx', user: 'www' },
      ],
    });
    const other = sock({ key: 'o', pid: 8 });
    expect(socketsOf(7, [own, other, shared]).map((s) => s.key)).toEqual(['l', 'c']);
    expect(socketsOf(9, [own, other, shared])).toEqual([]);
  });
});
