// Settling closed events: the peer's FIN in tcpi_bytes_received (from the peer's own event, the trace, a poll, or
// not at all), and the state the trace saw the socket close from.
import { describe, expect, it } from 'vitest';
import type { ClosedSocket, ClosedTcpInfo } from './closed-socket-decode';
import { ClosedEventSettler, tupleKey } from './closed-event-settler';

const T = 1_800_000_000_000;
let nextCookie = 1;

function ev(
  local: [string, number],
  remote: [string, number],
  tcp: Partial<ClosedTcpInfo> | null,
  closedAt = T,
): ClosedSocket {
  return {
    proto: tcp ? 'tcp' : 'udp',
    family: local[0].includes(':') ? 6 : 4,
    state: tcp ? 'CLOSED' : 'UNCONN',
    localAddress: local[0],
    localPort: local[1],
    remoteAddress: remote[0],
    remotePort: remote[1],
    cookie: String(nextCookie++),
    closedAt,
    lastState: null,
    tracedPid: null,
    tcp: tcp && {
      rttMs: 0.02,
      retransmits: 0,
      bytesSent: 1000,
      bytesReceived: null,
      kernelBytesReceived: 1001,
      bytesAcked: 1001,
      ...tcp,
    },
  };
}

const CLIENT: [string, number] = ['127.0.0.1', 50000];
const SERVER: [string, number] = ['127.0.0.1', 8080];

describe('ClosedEventSettler', () => {
  it('settles both ends of a loopback connection from each other: FIN counted on one, not on the other', () => {
    const s = new ClosedEventSettler();
    // An orphaned client (FIN reached its timewait socket) and the server that processed the client's FIN.
    s.add([ev(CLIENT, SERVER, { kernelBytesReceived: 1000 }), ev(SERVER, CLIENT, { kernelBytesReceived: 1001 })]);
    const out = s.release(T + 1);
    expect(out.map((e) => e.tcp?.bytesReceived)).toEqual([1000, 1000]);
    expect(s.pending).toBe(0);
  });

  it('takes a short count as it is (the rest never arrived) and leaves an impossible one unsettled', () => {
    const s = new ClosedEventSettler(500);
    s.add([ev(CLIENT, SERVER, { kernelBytesReceived: 600 }), ev(SERVER, CLIENT, { kernelBytesReceived: 1500 })]);
    const first = s.release(T + 1);
    expect(first.map((e) => e.tcp?.bytesReceived)).toEqual([600]);
    // More than the peer sent plus a FIN cannot be settled from it: released unsettled after holdMs.
    expect(s.release(T + 499)).toEqual([]);
    const late = s.release(T + 500);
    expect(late.map((e) => [e.tcp?.bytesReceived, e.tcp?.kernelBytesReceived])).toEqual([[null, 1500]]);
  });

  it('pairs an IPv4-mapped IPv6 end with its IPv4 peer', () => {
    const s = new ClosedEventSettler();
    s.add([ev(['::ffff:127.0.0.1', 50001], SERVER, {}), ev(SERVER, ['127.0.0.1', 50001], { bytesSent: 1000 })]);
    expect(s.release(T).map((e) => e.tcp?.bytesReceived)).toEqual([1000, 1000]);
    expect(tupleKey({ localAddress: '::ffff:10.0.0.1', localPort: 1, remoteAddress: '::1', remotePort: 2 })).toBe(
      '10.0.0.1:1 ::1:2',
    );
  });

  it('uses the peer even when its event was handed out earlier', () => {
    const s = new ClosedEventSettler(500);
    s.add([ev(SERVER, CLIENT, { bytesReceived: 0, kernelBytesReceived: 0, bytesSent: 1000 })]);
    expect(s.release(T)).toHaveLength(1);
    s.add([ev(CLIENT, SERVER, { kernelBytesReceived: 1001 }, T + 200)]);
    expect(s.release(T + 201).map((e) => e.tcp?.bytesReceived)).toEqual([1000]);
  });

  it('takes FIN evidence from the trace: CLOSE_WAIT or CLOSING counted it, a close before any FIN did not', () => {
    const s = new ClosedEventSettler();
    const a: [string, number] = ['10.0.0.2', 40000];
    const b: [string, number] = ['10.0.0.2', 40001];
    const c: [string, number] = ['10.0.0.2', 40002];
    const peer: [string, number] = ['10.0.0.9', 443];
    const tuple = (l: [string, number]) => ({
      localAddress: l[0],
      localPort: l[1],
      remoteAddress: peer[0],
      remotePort: peer[1],
    });
    s.noteTransition({ ...tuple(a), from: 'ESTABLISHED', to: 'CLOSE_WAIT' }, T);
    s.noteTransition({ ...tuple(b), from: 'ESTABLISHED', to: 'CLOSED' }, T);
    // FIN_WAIT_2 -> CLOSE says nothing: the FIN may have reached this socket or its timewait successor.
    s.noteTransition({ ...tuple(c), from: 'FIN_WAIT_2', to: 'CLOSED' }, T);
    s.add([
      ev(a, peer, { kernelBytesReceived: 501 }),
      ev(b, peer, { kernelBytesReceived: 501 }),
      ev(c, peer, { kernelBytesReceived: 501 }),
    ]);
    expect(s.release(T + 1000).map((e) => e.tcp?.bytesReceived)).toEqual([500, 501, null]);
  });

  it('takes FIN evidence from a poll by cookie', () => {
    const s = new ClosedEventSettler();
    const e = ev(['10.0.0.2', 40003], ['10.0.0.9', 443], { kernelBytesReceived: 77 });
    s.noteSocket(e.cookie, 'ESTABLISHED', T);
    s.noteSocket(null, 'CLOSE_WAIT', T);
    s.add([e]);
    expect(s.release(T + 1000)[0].tcp?.bytesReceived).toBeNull();
    const f = ev(['10.0.0.2', 40004], ['10.0.0.9', 443], { kernelBytesReceived: 77 });
    s.noteSocket(f.cookie, 'LAST_ACK', T);
    s.add([f]);
    expect(s.release(T + 1000)[0].tcp?.bytesReceived).toBe(76);
  });

  it('forgets evidence after evidenceMs', () => {
    const s = new ClosedEventSettler(500, 3000, 10_000);
    const e = ev(['10.0.0.2', 40005], ['10.0.0.9', 443], { kernelBytesReceived: 10 }, T + 20_000);
    s.noteSocket(e.cookie, 'CLOSE_WAIT', T);
    s.release(T + 10_001);
    s.add([e]);
    expect(s.release(T + 21_000)[0].tcp?.bytesReceived).toBeNull();
  });

  it('hands events out in closedAt order: a young unsettled one holds back the settled ones after it', () => {
    const s = new ClosedEventSettler(500);
    const waiting = ev(['10.0.0.2', 1], ['10.0.0.9', 2], {}, T);
    const udp = ev(['10.0.0.2', 3], ['10.0.0.9', 4], null, T + 10);
    const done = ev(['10.0.0.2', 5], ['10.0.0.9', 6], { bytesReceived: 0, kernelBytesReceived: 0 }, T + 20);
    s.add([waiting, udp, done]);
    expect(s.release(T + 100)).toEqual([]);
    expect(s.release(T + 500).map((e) => e.closedAt)).toEqual([T, T + 10, T + 20]);
  });

  it('gives each TCP event the state the trace saw it close from', () => {
    const s = new ClosedEventSettler();
    const tuple = { localAddress: '127.0.0.1', localPort: 50010, remoteAddress: '127.0.0.1', remotePort: 8080 };
    s.noteTransition({ ...tuple, from: 'FIN_WAIT_2', to: 'CLOSED' }, T);
    s.add([ev(['127.0.0.1', 50010], SERVER, { bytesReceived: 0, kernelBytesReceived: 0 }), ev(CLIENT, SERVER, null)]);
    expect(s.release(T + 1).map((e) => e.lastState)).toEqual(['FIN_WAIT_2', null]);
  });

  it('holds every event minHoldMs, so a transition still on its way can reach it', () => {
    const s = new ClosedEventSettler(500, 3000, 10_000, 100);
    s.add([ev(CLIENT, SERVER, { bytesReceived: 0, kernelBytesReceived: 0 }, T)]);
    expect(s.release(T + 50)).toEqual([]);
    s.noteTransition(
      {
        localAddress: CLIENT[0],
        localPort: CLIENT[1],
        remoteAddress: SERVER[0],
        remotePort: SERVER[1],
        from: 'SYN_SENT',
        to: 'CLOSED',
      },
      T + 60,
    );
    expect(s.release(T + 100).map((e) => e.lastState)).toEqual(['SYN_SENT']);
  });

  it('names the process that connected, then the one that closed, from steps taken in system calls', () => {
    const s = new ClosedEventSettler();
    const client = { localAddress: '127.0.0.1', localPort: 50020, remoteAddress: '127.0.0.1', remotePort: 8080 };
    const server = { localAddress: '127.0.0.1', localPort: 8080, remoteAddress: '127.0.0.1', remotePort: 50020 };
    // connect() by pid 812: the port is still 0; the next step (in softirq, pid 0) has it.
    s.noteTransition({ ...client, localPort: 0, from: 'CLOSED', to: 'SYN_SENT', pid: 812, skaddr: 'k1' }, T);
    s.noteTransition({ ...client, from: 'SYN_SENT', to: 'ESTABLISHED', pid: 0, skaddr: 'k1' }, T);
    // The accepted side: created in softirq (names nobody), closed by its server process 900.
    s.noteTransition({ ...server, from: 'LISTEN', to: 'SYN_RECEIVED', pid: 812, skaddr: 'k2' }, T);
    s.noteTransition({ ...server, from: 'CLOSE_WAIT', to: 'LAST_ACK', pid: 900, skaddr: 'k2' }, T);
    const done = { bytesReceived: 0, kernelBytesReceived: 0 };
    s.add([
      ev(['127.0.0.1', 50020], SERVER, done),
      ev(SERVER, ['127.0.0.1', 50020], done),
      ev(['127.0.0.1', 1], SERVER, done),
    ]);
    expect(s.release(T + 1).map((e) => e.tracedPid)).toEqual([812, 900, null]);
  });
});
