// Kernel ages: which clock each state is read from, when it is exact, and when there is none.
import { describe, expect, it } from 'vitest';
import { deriveKernelAge, type KernelClocks } from './kernel-age';

const T = 1_800_000_000_000;
const clocks = (c: Partial<KernelClocks>): KernelClocks => ({
  state: 'ESTABLISHED',
  timer: 0,
  expiresMs: 0,
  inode: 123,
  lastDataRecvMs: null,
  lastAckRecvMs: null,
  ...c,
});

describe('deriveKernelAge', () => {
  it('TIME_WAIT: 60 s (TCP_TIMEWAIT_LEN) minus what the timewait timer has left', () => {
    expect(deriveKernelAge(clocks({ state: 'TIME_WAIT', timer: 3, expiresMs: 42_500, inode: 0 }), T, 60_000)).toEqual({
      stateSince: T - 17_500,
      source: 'kernel',
      exact: true,
    });
    // tcp_fin_timeout plays no part in TIME_WAIT.
    expect(deriveKernelAge(clocks({ state: 'TIME_WAIT', timer: 3, expiresMs: 42_500 }), T, 30_000)?.stateSince).toBe(
      T - 17_500,
    );
  });

  it('TIME_WAIT without the timewait timer, or with more than 60 s left, has no age', () => {
    expect(deriveKernelAge(clocks({ state: 'TIME_WAIT', timer: 0, expiresMs: 1000 }), T, 60_000)).toBeNull();
    expect(deriveKernelAge(clocks({ state: 'TIME_WAIT', timer: 3, expiresMs: 60_001 }), T, 60_000)).toBeNull();
  });

  it('orphaned FIN_WAIT_2 (a timewait socket): tcp_fin_timeout as read now, minus what is left', () => {
    const orphan = clocks({ state: 'FIN_WAIT_2', timer: 3, expiresMs: 20_000, inode: 0 });
    expect(deriveKernelAge(orphan, T, 30_000)).toEqual({ stateSince: T - 10_000, source: 'kernel', exact: true });
    expect(deriveKernelAge(orphan, T, 60_000)?.stateSince).toBe(T - 40_000);
    // A timer beyond the sysctl (TCP_LINGER2, or the sysctl lowered since): no age rather than a wrong one.
    expect(deriveKernelAge(orphan, T, 15_000)).toBeNull();
    // The sysctl unreadable: no age either (60 s is the default, not a fact about this machine).
    expect(deriveKernelAge(orphan, T, null)).toBeNull();
  });

  it('FIN_WAIT_2 with a file: the ACK of our FIN, exact while nothing came from the peer since', () => {
    const quiet = clocks({ state: 'FIN_WAIT_2', lastDataRecvMs: 9_000, lastAckRecvMs: 4_000 });
    expect(deriveKernelAge(quiet, T, 60_000)).toEqual({ stateSince: T - 4_000, source: 'kernel', exact: true });
    // The peer sent data after our FIN (half-close): that segment's ACK is newer, so it is a bound.
    const talking = clocks({ state: 'FIN_WAIT_2', lastDataRecvMs: 1_000, lastAckRecvMs: 1_000 });
    expect(deriveKernelAge(talking, T, 60_000)).toEqual({ stateSince: T - 1_000, source: 'kernel', exact: false });
    // Keepalive probes are answered with ACKs that reset the clock.
    const probed = clocks({ state: 'FIN_WAIT_2', timer: 2, lastDataRecvMs: 9_000, lastAckRecvMs: 4_000 });
    expect(deriveKernelAge(probed, T, 60_000)?.exact).toBe(false);
    // Without tcp_info there is no clock.
    expect(deriveKernelAge(clocks({ state: 'FIN_WAIT_2' }), T, 60_000)).toBeNull();
  });

  it('CLOSE_WAIT: tcpi_last_ack_recv (the FIN carries an ACK), never tcpi_last_data_recv', () => {
    // The peer sent data, waited 5 s, then closed: last data 35 s ago, FIN 30 s ago.
    const leak = clocks({ state: 'CLOSE_WAIT', lastDataRecvMs: 35_000, lastAckRecvMs: 30_000 });
    expect(deriveKernelAge(leak, T, 60_000)).toEqual({ stateSince: T - 30_000, source: 'kernel', exact: true });
  });

  it('CLOSE_WAIT with a timer running is a bound: this side sent or probed, and ACKs came back', () => {
    for (const timer of [1, 2, 4]) {
      const c = clocks({ state: 'CLOSE_WAIT', timer, lastDataRecvMs: 35_000, lastAckRecvMs: 30_000 });
      expect(deriveKernelAge(c, T, 60_000), `timer ${timer}`).toEqual({
        stateSince: T - 30_000,
        source: 'kernel',
        exact: false,
      });
    }
  });

  it('CLOSE_WAIT with a last ACK older than the last data is not a FIN clock', () => {
    const odd = clocks({ state: 'CLOSE_WAIT', lastDataRecvMs: 1_000, lastAckRecvMs: 2_000 });
    expect(deriveKernelAge(odd, T, 60_000)).toBeNull();
    expect(deriveKernelAge(clocks({ state: 'CLOSE_WAIT' }), T, 60_000)).toBeNull();
  });

  it('SYN_SENT, SYN_RECEIVED and the states without a clock give null', () => {
    const timed = { timer: 1, expiresMs: 700, lastDataRecvMs: 5, lastAckRecvMs: 5 };
    for (const state of ['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1', 'LAST_ACK', 'CLOSING'] as const) {
      expect(deriveKernelAge(clocks({ state, ...timed }), T, 60_000), state).toBeNull();
    }
  });
});
