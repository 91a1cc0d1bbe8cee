// Every TCP state number of all three OSes maps to the canonical state its headers define, and nothing else does.
import { describe, expect, it } from 'vitest';
import { isSocketState, TCP_STATES, type SocketState } from '../../../shared/model/socket';
import { tcpStateFromDarwin } from './darwin/tcp-states';
import { tcpStateFromLinux, udpStateFromLinux } from './linux/tcp-states';
import { tcpStateFromWindows } from './win32/tcp-states';

type Table = ReadonlyArray<readonly [number, SocketState]>;

/** include/net/tcp_states.h */
// prettier-ignore
const LINUX: Table = [
  [1, 'ESTABLISHED'], [2, 'SYN_SENT'], [3, 'SYN_RECEIVED'], [4, 'FIN_WAIT_1'], [5, 'FIN_WAIT_2'], [6, 'TIME_WAIT'],
  [7, 'CLOSED'], [8, 'CLOSE_WAIT'], [9, 'LAST_ACK'], [10, 'LISTEN'], [11, 'CLOSING'], [12, 'SYN_RECEIVED'],
  [13, 'CLOSED'],
];

/** tcpmib.h MIB_TCP_STATE */
// prettier-ignore
const WINDOWS: Table = [
  [1, 'CLOSED'], [2, 'LISTEN'], [3, 'SYN_SENT'], [4, 'SYN_RECEIVED'], [5, 'ESTABLISHED'], [6, 'FIN_WAIT_1'],
  [7, 'FIN_WAIT_2'], [8, 'CLOSE_WAIT'], [9, 'CLOSING'], [10, 'LAST_ACK'], [11, 'TIME_WAIT'], [12, 'CLOSED'],
];

/** XNU bsd/sys/proc_info.h TSI_S_* */
// prettier-ignore
const DARWIN: Table = [
  [0, 'CLOSED'], [1, 'LISTEN'], [2, 'SYN_SENT'], [3, 'SYN_RECEIVED'], [4, 'ESTABLISHED'], [5, 'CLOSE_WAIT'],
  [6, 'FIN_WAIT_1'], [7, 'CLOSING'], [8, 'LAST_ACK'], [9, 'FIN_WAIT_2'], [10, 'TIME_WAIT'],
];

const OSES: ReadonlyArray<readonly [string, Table, (n: number) => SocketState | null]> = [
  ['linux', LINUX, tcpStateFromLinux],
  ['win32', WINDOWS, tcpStateFromWindows],
  ['darwin', DARWIN, tcpStateFromDarwin],
];

describe.each(OSES)('%s TCP state table', (_os, table, map) => {
  it.each(table)('%i -> %s', (n, state) => {
    expect(map(n)).toBe(state);
    expect(isSocketState(state)).toBe(true);
  });

  it('maps no other number in 0..255 (nor negatives)', () => {
    const known = new Set(table.map(([n]) => n));
    for (let n = -2; n < 256; n++) if (!known.has(n)) expect(map(n)).toBeNull();
  });

  it('reaches every canonical TCP state that OS has', () => {
    const reached = new Set(table.map(([, s]) => s));
    for (const s of TCP_STATES) expect(reached.has(s)).toBe(true);
  });
});

describe('linux UDP states', () => {
  it('maps only TCP_CLOSE (7) and TCP_ESTABLISHED (1)', () => {
    for (let n = 0; n < 256; n++) {
      expect(udpStateFromLinux(n)).toBe(n === 7 ? 'UNCONN' : n === 1 ? 'ESTABLISHED' : null);
    }
  });
});
