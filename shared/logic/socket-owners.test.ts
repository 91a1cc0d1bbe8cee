// Shared sockets: the owner label and the kill advice for a worker of a master's listener.
import { describe, expect, it } from 'vitest';
import type { Owner } from '../model/socket';
import { sock } from '../test-support/sockets';
import { ownerLabel, sharedListenerOf } from './socket-owners';

const master: Owner = { pid: 4265, process: 'nginx', user: 'root' };
const worker1: Owner = { pid: 4266, process: 'nginx', user: 'www-data' };
const worker2: Owner = { pid: 4267, process: 'nginx', user: 'www-data' };
const listener = (port: number, owners: Owner[]) =>
  sock({
    state: 'LISTEN',
    localPort: port,
    remoteAddress: '0.0.0.0',
    remotePort: 0,
    pid: owners[0]?.pid ?? null,
    process: owners[0]?.process ?? null,
    owners,
  });

describe('ownerLabel', () => {
  it('names one owner plainly and several with their count', () => {
    expect(ownerLabel(listener(80, [master]))).toBe('nginx');
    expect(ownerLabel(listener(80, [master, worker1, worker2]))).toBe('nginx (3)');
    expect(ownerLabel(listener(80, []))).toBe('');
  });
});

describe('sharedListenerOf', () => {
  const table = [
    listener(80, [master, worker1, worker2]),
    listener(443, [master, worker1, worker2]),
    sock({ pid: 4266, process: 'nginx', owners: [worker1], localPort: 80, remotePort: 51000 }),
    listener(9000, [worker2]),
  ];

  it('tells a worker that killing it does not free the master’s ports', () => {
    expect(sharedListenerOf(4266, table)).toEqual({ parent: master, ports: [80, 443] });
  });

  it('says nothing for the master itself, a process holding only its own sockets, or a stranger', () => {
    expect(sharedListenerOf(4265, table)).toBeNull();
    expect(sharedListenerOf(4267, [listener(9000, [worker2])])).toBeNull();
    expect(sharedListenerOf(1, table)).toBeNull();
  });

  it('counts an unconnected UDP socket shared by workers as a listener, a shared connection not', () => {
    const udp = sock({ proto: 'udp', state: 'UNCONN', localPort: 53, remotePort: 0, owners: [master, worker1] });
    const conn = sock({ localPort: 5000, remotePort: 80, owners: [master, worker1] });
    expect(sharedListenerOf(4266, [udp])?.ports).toEqual([53]);
    expect(sharedListenerOf(4266, [conn])).toBeNull();
  });
});
