// Every Linux TCP_* number maps to the state ss and the kernel headers give it; UDP's two states likewise.
import { describe, expect, it } from 'vitest';
import { isSocketState } from '../../../../shared/model/socket';
import { tcpStateFromLinux, udpStateFromLinux } from './tcp-states';

describe('tcpStateFromLinux', () => {
  const table: ReadonlyArray<readonly [number, string]> = [
    [1, 'ESTABLISHED'],
    [2, 'SYN_SENT'],
    [3, 'SYN_RECEIVED'],
    [4, 'FIN_WAIT_1'],
    [5, 'FIN_WAIT_2'],
    [6, 'TIME_WAIT'],
    [7, 'CLOSED'],
    [8, 'CLOSE_WAIT'],
    [9, 'LAST_ACK'],
    [10, 'LISTEN'],
    [11, 'CLOSING'],
    [12, 'SYN_RECEIVED'],
    [13, 'CLOSED'],
  ];
  it.each(table)('TCP state %i -> %s', (n, name) => {
    const s = tcpStateFromLinux(n);
    expect(s).toBe(name);
    expect(isSocketState(name)).toBe(true);
  });
  it('returns null for numbers outside the table', () => {
    for (const n of [0, 14, 15, 255, -1]) expect(tcpStateFromLinux(n)).toBeNull();
  });
});

describe('udpStateFromLinux', () => {
  it('maps TCP_CLOSE to UNCONN and TCP_ESTABLISHED to ESTABLISHED', () => {
    expect(udpStateFromLinux(7)).toBe('UNCONN');
    expect(udpStateFromLinux(1)).toBe('ESTABLISHED');
  });
  it('returns null for every other number', () => {
    for (let n = 0; n < 256; n++) if (n !== 1 && n !== 7) expect(udpStateFromLinux(n)).toBeNull();
  });
});
