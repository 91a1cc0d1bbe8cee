// Traced records in the model's terms, and failed connects attributed to whoever called connect().
import { describe, expect, it } from 'vitest';
import { FailedConnectTracker, toTransition, type TcpTransition } from './tcp-transitions';
import type { SetStateRecord } from './trace-ring-decode';

const rec = (r: Partial<SetStateRecord>): SetStateRecord => ({
  pid: 100,
  skaddr: 'ffff0001',
  oldstate: 7,
  newstate: 2,
  sport: 0,
  dport: 5432,
  family: 2,
  protocol: 6,
  saddr: '127.0.0.1',
  daddr: '127.0.0.1',
  ...r,
});

const tr = (r: Partial<SetStateRecord>, at = 1): TcpTransition => {
  const t = toTransition(rec(r), at, r.pid ?? 100, `comm${r.pid ?? 100}`);
  if (!t) throw new Error('no transition');
  return t;
};

describe('toTransition', () => {
  it('maps kernel state numbers to canonical names and keeps local/remote as the socket sees them', () => {
    expect(tr({ oldstate: 12, newstate: 1, sport: 80, dport: 5000, family: 10, saddr: '::1', daddr: '::1' })).toEqual({
      at: 1,
      pid: 100,
      tid: 100,
      comm: 'comm100',
      proto: 'tcp',
      family: 6,
      localAddress: '::1',
      localPort: 80,
      remoteAddress: '::1',
      remotePort: 5000,
      from: 'SYN_RECEIVED',
      to: 'ESTABLISHED',
      skaddr: 'ffff0001',
    });
  });

  it('keeps the thread id and the process it belongs to apart', () => {
    expect(toTransition(rec({ pid: 4711 }), 1, 4700, 'worker')).toMatchObject({ pid: 4700, tid: 4711 });
    expect(toTransition(rec({ pid: 4712 }), 1, null, null)).toMatchObject({ pid: null, tid: 4712 });
  });

  it('drops other protocols (SCTP, MPTCP) and unknown state numbers', () => {
    expect(toTransition(rec({ protocol: 132 }), 1, 1, null)).toBeNull();
    expect(toTransition(rec({ newstate: 99 }), 1, 1, null)).toBeNull();
  });
});

describe('FailedConnectTracker', () => {
  it('attributes SYN_SENT -> CLOSE to the pid of CLOSE -> SYN_SENT on the same socket', () => {
    const f = new FailedConnectTracker();
    expect(f.note(tr({ pid: 812, skaddr: 'a' }))).toBeNull();
    // The RST is processed in whatever task runs: pid 0 here.
    const failed = f.note(tr({ pid: 0, skaddr: 'a', oldstate: 2, newstate: 7, sport: 40000 }, 5));
    expect(failed).toEqual({
      at: 5,
      pid: 812,
      comm: 'comm812',
      family: 4,
      localAddress: '127.0.0.1',
      localPort: 40000,
      remoteAddress: '127.0.0.1',
      remotePort: 5432,
      skaddr: 'a',
    });
    expect(f.inFlight).toBe(0);
  });

  it('a connect that succeeds is no failure, nor is a later close; one begun before tracing has pid null', () => {
    const f = new FailedConnectTracker();
    f.note(tr({ skaddr: 'b' }));
    expect(f.note(tr({ skaddr: 'b', oldstate: 2, newstate: 1 }))).toBeNull();
    expect(f.note(tr({ skaddr: 'b', oldstate: 1, newstate: 7 }))).toBeNull();
    expect(f.note(tr({ skaddr: 'c', oldstate: 2, newstate: 7 }))).toMatchObject({ pid: null, comm: null });
  });

  it('a reused kernel address starts a new connect', () => {
    const f = new FailedConnectTracker();
    f.note(tr({ pid: 1, skaddr: 'd' }));
    f.note(tr({ pid: 1, skaddr: 'd', oldstate: 2, newstate: 7 }));
    f.note(tr({ pid: 2, skaddr: 'd' }));
    expect(f.note(tr({ pid: 0, skaddr: 'd', oldstate: 2, newstate: 7 }))?.pid).toBe(2);
  });

  it('forgets the oldest pending connects beyond its bound', () => {
    const f = new FailedConnectTracker(2);
    f.note(tr({ pid: 1, skaddr: 'x' }));
    f.note(tr({ pid: 2, skaddr: 'y' }));
    f.note(tr({ pid: 3, skaddr: 'z' }));
    expect(f.inFlight).toBe(2);
    expect(f.note(tr({ skaddr: 'x', oldstate: 2, newstate: 7 }))?.pid).toBeNull();
    expect(f.note(tr({ skaddr: 'z', oldstate: 2, newstate: 7 }))?.pid).toBe(3);
  });
});
