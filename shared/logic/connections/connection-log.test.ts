import { describe, expect, it } from 'vitest';
import { NO_KERNEL_EVENTS, type ClosedSocketEvent, type TracedTransition } from '../../model/kernel-events';
import type { Socket } from '../../model/socket';
import { sock, TUPLE } from '../../test-support/sockets';
import { ConnectionLog, GONE_KEEP_MS } from './connection-log';

const closed = (over: Partial<ClosedSocketEvent> = {}): ClosedSocketEvent => ({
  ...TUPLE,
  state: 'CLOSED',
  cookie: '42',
  closedAt: 5_000,
  lastState: null,
  tracedPid: null,
  tcp: {
    rttMs: 0.1,
    retransmits: 0,
    bytesSent: 1000,
    bytesReceived: 1000,
    kernelBytesReceived: 1001,
    bytesAcked: 1002,
  },
  ...over,
});
const tick = (over: Partial<Parameters<ConnectionLog['apply']>[0]> = {}) => ({
  added: [],
  changed: [],
  removed: [],
  takenAt: 5_000,
  events: NO_KERNEL_EVENTS,
  ...over,
});

describe('ConnectionLog', () => {
  it('matches a destroy event to the socket the table showed (same cookie): owner, opening, bytes', () => {
    const log = new ConnectionLog();
    log.apply(
      tick({ added: [sock({ cookie: '42', pid: 7, process: 'curl', firstSeen: 1_000 })], takenAt: 1_000 }),
      true,
    );
    const [e] = log.apply(tick({ removed: [sock().key], events: { ...NO_KERNEL_EVENTS, closed: [closed()] } }), true);
    expect(e).toMatchObject({
      pid: 7,
      process: 'curl',
      openedAt: 1_000,
      openedAtSource: 'observed',
      durationMs: 4_000,
      closedAtSource: 'kernel',
      bytesSent: 1000,
      bytesReceived: 1000,
      finalState: 'ESTABLISHED',
      finalStateSource: 'observed',
      failedConnect: false,
    });
    expect(log.total).toBe(1);
    expect(log.list()).toHaveLength(1);
  });

  it('logs connections that lived between two refreshes, with the trace’s pid and exact opening time', () => {
    const log = new ConnectionLog();
    const t = (from: TracedTransition['from'], to: TracedTransition['to'], at: number, localPort = 40000) =>
      ({ ...TUPLE, localPort, from, to, at, pid: 9, tid: 9, comm: 'node', skaddr: 'ff01', proto: 'tcp' }) as const;
    const events = {
      ...NO_KERNEL_EVENTS,
      transitions: [
        t('CLOSED', 'SYN_SENT', 4_100, 0),
        t('SYN_SENT', 'ESTABLISHED', 4_101),
        t('ESTABLISHED', 'CLOSED', 4_200),
      ],
      closed: [closed({ tracedPid: 9, lastState: 'ESTABLISHED' })],
    };
    const [e] = log.apply(tick({ events }), true);
    expect(e).toMatchObject({ pid: 9, openedAt: 4_100, openedAtSource: 'trace', durationMs: 900 });
  });

  it('calls a connection that lives on in TIME_WAIT closed in TIME_WAIT, and a SYN_SENT close a failed connect', () => {
    const log = new ConnectionLog();
    log.apply(tick({ added: [sock({ cookie: '42' })] }), true);
    const tw = sock({ cookie: '42', state: 'TIME_WAIT', pid: null });
    expect(
      log.apply(tick({ changed: [tw], events: { ...NO_KERNEL_EVENTS, closed: [closed()] } }), true)[0].finalState,
    ).toBe('TIME_WAIT');
    const failed = closed({ cookie: '43', lastState: 'SYN_SENT', tcp: null, remotePort: 9 });
    const [f] = log.apply(tick({ events: { ...NO_KERNEL_EVENTS, closed: [failed] } }), true);
    expect(f).toMatchObject({ failedConnect: true, finalState: 'SYN_SENT' });
    expect(log.failedSince(0)).toHaveLength(1);
  });

  it('without destroy events, a socket gone from the table is an observed close; timewait expiry is not a close', () => {
    const log = new ConnectionLog();
    const a = sock({
      localPort: 1,
      firstSeen: 1_000,
      metrics: { rttMs: 1, retransmits: 0, bytesSent: 10, bytesReceived: 20 },
    });
    const b = sock({ localPort: 2, state: 'TIME_WAIT' });
    log.apply(tick({ added: [a, b], takenAt: 1_000 }), false);
    const out = log.apply(tick({ removed: [a.key, b.key], takenAt: 3_000 }), false);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ closedAtSource: 'observed', closedAt: 3_000, bytesSent: 10, localPort: 1 });
  });

  it('knows an aborted socket (SO_LINGER 0: the kernel zeroed its peer) by its cookie from the table', () => {
    const log = new ConnectionLog();
    log.apply(tick({ added: [sock({ cookie: '77', pid: 5 })] }), true);
    const zeroed = closed({ cookie: '77', remoteAddress: '0.0.0.0', remotePort: 0, tcp: null });
    const [e] = log.apply(tick({ removed: [sock().key], events: { ...NO_KERNEL_EVENTS, closed: [zeroed] } }), true);
    expect(e).toMatchObject({ remotePort: 8080, pid: 5, bytesSent: null, closedAtSource: 'kernel' });
  });

  it('skips listeners and unconnected sockets, keeps at most its capacity, and counts every close', () => {
    const log = new ConnectionLog(2);
    const events = { ...NO_KERNEL_EVENTS, closed: [1, 2, 3].map((i) => closed({ cookie: String(i), localPort: i })) };
    log.apply(tick({ events: { ...NO_KERNEL_EVENTS, closed: [closed({ remotePort: 0 })] } }), true);
    log.apply(tick({ events }), true);
    expect(log.total).toBe(3);
    expect(log.list().map((e) => e.localPort)).toEqual([3, 2]);
    expect(log.rate(5_000).at(-1)).toEqual({ at: 5_000, count: 3 });
  });

  it('traced: logs each failed connect once, from the trace (destination, caller, opening), not its destroy event', () => {
    const log = new ConnectionLog();
    const skaddr = 'ff02';
    const step = (from: TracedTransition['from'], to: TracedTransition['to'], at: number) =>
      ({ ...TUPLE, localPort: 0, remotePort: 9, from, to, at, pid: 77, tid: 77, comm: 'app', skaddr }) as const;
    const events = {
      ...NO_KERNEL_EVENTS,
      transitions: [step('CLOSED', 'SYN_SENT', 4_000), step('SYN_SENT', 'CLOSED', 4_001)],
      failedConnects: [{ ...TUPLE, localPort: 0, remotePort: 9, at: 4_001, pid: 77, comm: 'app', skaddr }],
      // What the kernel sends for it: the destination cleared.
      closed: [closed({ localAddress: '0.0.0.0', localPort: 0, remotePort: 0, tcp: null, lastState: 'SYN_SENT' })],
    };
    const out = log.apply(tick({ events }), true, true);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({
      failedConnect: true,
      remotePort: 9,
      pid: 77,
      process: 'app',
      openedAt: 4_000,
      openedAtSource: 'trace',
      durationMs: 1,
      closedAtSource: 'trace',
      bytesSent: null,
    });
    // A failed connect whose destroy event kept its tuple is still counted once (the trace's).
    const kept = closed({ cookie: '44', remotePort: 9, lastState: 'SYN_SENT', tcp: null });
    const again = log.apply(
      tick({ events: { ...events, transitions: [], closed: [kept], failedConnects: [] } }),
      true,
      true,
    );
    expect(again).toEqual([]);
    expect(log.failedSince(0)).toHaveLength(1);
  });

  it('untraced: a connect the table saw in SYN_SENT is found again by cookie when its destroy event names no peer', () => {
    const log = new ConnectionLog();
    const syn = sock({ cookie: '50', state: 'SYN_SENT', remotePort: 9, pid: 12, process: 'curl', firstSeen: 1_000 });
    log.apply(tick({ added: [syn], takenAt: 1_000 }), true);
    const cleared = closed({ cookie: '50', localAddress: '0.0.0.0', localPort: 0, remotePort: 0, tcp: null });
    const [f] = log.apply(tick({ removed: [syn.key], events: { ...NO_KERNEL_EVENTS, closed: [cleared] } }), true);
    expect(f).toMatchObject({
      failedConnect: true,
      remotePort: 9,
      localPort: 40000,
      pid: 12,
      process: 'curl',
      closedAtSource: 'kernel',
    });
    // Never seen by the table: nothing says where it tried to go, so it is not a connection of the log.
    const unknown = closed({ cookie: '51', localAddress: '0.0.0.0', localPort: 0, remotePort: 0, tcp: null });
    expect(log.apply(tick({ events: { ...NO_KERNEL_EVENTS, closed: [unknown] } }), true)).toEqual([]);
  });

  it('still calls it TIME_WAIT when the destroy event comes a refresh after the table showed the timewait socket', () => {
    const log = new ConnectionLog();
    log.apply(tick({ added: [sock({ cookie: '42' })] }), true);
    log.apply(tick({ changed: [sock({ cookie: '42', state: 'TIME_WAIT', pid: null })] }), true);
    const late = closed({ lastState: 'FIN_WAIT_2', tracedPid: 31 });
    const [e] = log.apply(tick({ events: { ...NO_KERNEL_EVENTS, closed: [late] } }), true, true);
    expect(e).toMatchObject({ finalState: 'TIME_WAIT', pid: 31 });
  });

  it('names the traced owner of a connection no refresh saw by the command the trace saw for that pid', () => {
    const log = new ConnectionLog();
    const step = { ...TUPLE, from: 'CLOSED', to: 'SYN_SENT', at: 4_000, pid: 31, tid: 31, comm: 'curl' } as const;
    const events = {
      ...NO_KERNEL_EVENTS,
      transitions: [{ ...step, proto: 'tcp', skaddr: 'ff03' } as const],
      closed: [closed({ tracedPid: 31, lastState: 'ESTABLISHED' })],
    };
    expect(log.apply(tick({ events }), true, true)[0]).toMatchObject({ pid: 31, process: 'curl' });
  });

  it('takes a timewait socket on the tuple as this connection’s, even with another cookie (made at its first dump)', () => {
    const log = new ConnectionLog();
    const tw = sock({ cookie: '1104067', state: 'TIME_WAIT', pid: null });
    const fin = closed({ cookie: '1132255', lastState: 'FIN_WAIT_2' });
    const [e] = log.apply(tick({ added: [tw], events: { ...NO_KERNEL_EVENTS, closed: [fin] } }), true);
    expect(e.finalState).toBe('TIME_WAIT');
    // A reset connection does not end in TIME_WAIT, whatever the table shows.
    const rst = closed({ cookie: '7', lastState: 'SYN_RECEIVED' });
    expect(
      new ConnectionLog().apply(tick({ added: [tw], events: { ...NO_KERNEL_EVENTS, closed: [rst] } }), true)[0],
    ).toMatchObject({
      finalState: 'SYN_RECEIVED',
    });
  });

  it('takes a timewait socket still in FIN_WAIT_2 (its peer not closed yet) as where an unseen connection ended', () => {
    // Untraced, and no refresh saw the full socket: the kernel handed it to a timewait socket in its FIN_WAIT_2
    // substate (no inode), which the table shows under another cookie. Its final state is that, not a bare CLOSED.
    const tw = sock({ cookie: '1104067', state: 'FIN_WAIT_2', pid: null, inode: 0 });
    const apply = (socket: Socket, event: ClosedSocketEvent) =>
      new ConnectionLog().apply(tick({ added: [socket], events: { ...NO_KERNEL_EVENTS, closed: [event] } }), true)[0];
    expect(apply(tw, closed()).finalState).toBe('FIN_WAIT_2');
    // Traced: only a close from FIN_WAIT_2 hands a socket over in FIN_WAIT_2. From anywhere else it was reset or
    // timed out, and the FIN_WAIT_2 socket on the tuple is not its own.
    expect(apply(tw, closed({ cookie: '9', lastState: 'FIN_WAIT_2' })).finalState).toBe('FIN_WAIT_2');
    expect(apply(tw, closed({ cookie: '9', lastState: 'FIN_WAIT_1' })).finalState).toBe('FIN_WAIT_1');
    expect(apply(tw, closed({ cookie: '9', lastState: 'ESTABLISHED' })).finalState).toBe('ESTABLISHED');
    // A full socket in FIN_WAIT_2 (an inode: a process holds it) under another cookie is another connection.
    const full = sock({ cookie: '77', state: 'FIN_WAIT_2', pid: 12, inode: 4242 });
    expect(apply(full, closed()).finalState).toBe('CLOSED');
    // Nothing on the tuple, nothing seen: the kernel's CLOSE is all there is.
    expect(
      new ConnectionLog().apply(tick({ events: { ...NO_KERNEL_EVENTS, closed: [closed()] } }), true)[0],
    ).toMatchObject({ finalState: 'CLOSED' });
  });
  it('says where each final state comes from: the trace, the kernel’s table, or the last refresh that saw it', () => {
    const apply = (socket: Socket | null, event: ClosedSocketEvent, seen: Socket | null = null) => {
      const log = new ConnectionLog();
      if (seen) log.apply(tick({ added: [seen] }), true);
      const added = socket ? [socket] : [];
      return log.apply(tick({ added, events: { ...NO_KERNEL_EVENTS, closed: [event] } }), true)[0];
    };
    const source = (e: { finalState: string; finalStateSource: string }) => `${e.finalState} ${e.finalStateSource}`;
    const timeWait = sock({ cookie: '5', state: 'TIME_WAIT', pid: null, inode: 0 });
    const finWait2 = sock({ cookie: '5', state: 'FIN_WAIT_2', pid: null, inode: 0 });
    // A refresh saw it open, nothing traced it: that state, as last seen.
    expect(source(apply(null, closed(), sock({ cookie: '42', state: 'FIN_WAIT_1' })))).toBe('FIN_WAIT_1 observed');
    // The trace saw the state it closed from.
    expect(source(apply(null, closed({ lastState: 'LAST_ACK' }), sock({ cookie: '42' })))).toBe('LAST_ACK trace');
    // The kernel's table shows it living on as a timewait socket.
    expect(source(apply(timeWait, closed(), sock({ cookie: '42' })))).toBe('TIME_WAIT kernel');
    // A refresh before the destroy event showed the timewait socket, under the cookie the kernel copied to it.
    const handedOver = sock({ cookie: '42', state: 'TIME_WAIT', pid: null, inode: 0 });
    expect(source(apply(null, closed(), handedOver))).toBe('TIME_WAIT kernel');
    // That row was first seen after the close: no refresh saw the connection open, so its opening is unknown.
    const late = sock({ ...handedOver, firstSeen: closed().closedAt + 900 });
    expect(apply(null, closed(), late)).toMatchObject({ openedAt: null, durationMs: null, pid: null });
    expect(source(apply(finWait2, closed()))).toBe('FIN_WAIT_2 kernel');
    expect(source(apply(finWait2, closed({ lastState: 'FIN_WAIT_2' })))).toBe('FIN_WAIT_2 trace');
    // Nothing saw it: the state the kernel freed it in.
    expect(source(apply(null, closed()))).toBe('CLOSED kernel');
    // Without destroy events, the state of the last refresh that showed it.
    const log = new ConnectionLog();
    log.apply(tick({ added: [sock({ state: 'CLOSE_WAIT' })], takenAt: 1_000 }), false);
    expect(source(log.apply(tick({ removed: [sock().key], takenAt: 2_000 }), false)[0])).toBe('CLOSE_WAIT observed');
  });
  it('matches a destroy event that comes refreshes after the table lost the socket, within GONE_KEEP_MS', () => {
    // The kernel's source holds an event for its peer's (a reset: the peer's tuple is zeroed and never pairs).
    const log = new ConnectionLog();
    const open = sock({ cookie: '42', pid: 7, process: 'srv', firstSeen: 1_000 });
    const aborted = sock({ cookie: '43', localPort: 40001, pid: 8, process: 'cli', firstSeen: 1_000 });
    log.apply(tick({ added: [open, aborted], takenAt: 1_000 }), true);
    expect(log.apply(tick({ removed: [open.key, aborted.key], takenAt: 1_250 }), true)).toEqual([]);
    const zeroed = closed({ cookie: '43', localAddress: '0.0.0.0', localPort: 0, remotePort: 0 });
    const late = log.apply(tick({ events: { ...NO_KERNEL_EVENTS, closed: [closed(), zeroed] }, takenAt: 1_750 }), true);
    expect(late.map((e) => [e.pid, e.localPort, e.finalState, e.finalStateSource, e.openedAt])).toEqual([
      [7, open.localPort, 'ESTABLISHED', 'observed', 1_000],
      [8, 40001, 'ESTABLISHED', 'observed', 1_000],
    ]);
    // Later than that, the event is all there is.
    log.apply(tick({ added: [open], takenAt: 2_000 }), true);
    log.apply(tick({ removed: [open.key], takenAt: 2_250 }), true);
    log.apply(tick({ takenAt: 2_250 + GONE_KEEP_MS + 1 }), true);
    const [alone] = log.apply(tick({ events: { ...NO_KERNEL_EVENTS, closed: [closed()] }, takenAt: 8_000 }), true);
    expect(alone).toMatchObject({ pid: null, finalState: 'CLOSED', finalStateSource: 'kernel' });
  });
});
