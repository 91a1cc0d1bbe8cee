// The registry over synthetic tables: top N plus "other", queues, ratios, findings, counters and label safety.
import { describe, expect, it } from 'vitest';
import { sock } from '../../../shared/test-support/sockets';
import type { Finding } from '../../../shared/model/finding';
import type { Socket } from '../../../shared/model/socket';
import { METRICS, seriesBound } from './metric-catalog';
import { MetricsRegistry } from './metrics-registry';
import type { MetricsView } from './metrics-source';
import { NOW, baselineOf, diagnosisOf, tickOf, viewOf } from './test-support/synthetic';
import { parseSamples, samplesOf, valueOf, type Sample } from './test-support/exposition';

/** Feeds `sockets` as a new baseline table, then scrapes with the view `over` changes. */
async function scrape(
  reg: MetricsRegistry,
  sockets: readonly Socket[],
  over: Partial<MetricsView> = {},
): Promise<Sample[]> {
  reg.onTick(baselineOf(sockets));
  reg.update(viewOf(over));
  return parseSamples(await reg.metrics());
}

let nextPort = 8000;
/** `n` CLOSE_WAIT sockets of `process` on a listening port of its own (so every key is unique), `ageS` old. */
const closeWait = (process: string, n: number, ageS: number): Socket[] => {
  const localPort = nextPort++;
  return Array.from({ length: n }, (_, i) =>
    sock({
      state: 'CLOSE_WAIT',
      process,
      pid: localPort,
      localPort,
      remotePort: 50000 + i,
      stateSince: NOW - ageS * 1000,
    }),
  );
};

const finding = (rule: Finding['rule'], severity: Finding['severity'], id: string): Finding => ({
  id,
  rule,
  severity,
  titleKey: 't',
  titleParams: {},
  evidence: [],
  recommendationKey: 'r',
  socketKeys: [],
});

describe('MetricsRegistry gauges', () => {
  it('counts sockets per proto, family and state, with every combination present', async () => {
    const s = await scrape(new MetricsRegistry({ topN: 10 }), [
      sock({ state: 'ESTABLISHED' }),
      sock({ state: 'ESTABLISHED', localPort: 40001 }),
      sock({ family: 6, localAddress: '::1', remoteAddress: '::1', state: 'LISTEN', remotePort: 0 }),
      sock({ proto: 'udp', state: 'UNCONN', remotePort: 0 }),
    ]);
    const m = METRICS.sockets.name;
    expect(valueOf(s, m, { proto: 'tcp', family: 'ipv4', state: 'ESTABLISHED' })).toBe(2);
    expect(valueOf(s, m, { proto: 'tcp', family: 'ipv6', state: 'LISTEN' })).toBe(1);
    expect(valueOf(s, m, { proto: 'udp', family: 'ipv4', state: 'UNCONN' })).toBe(1);
    expect(valueOf(s, m, { proto: 'tcp', family: 'ipv6', state: 'CLOSE_WAIT' })).toBe(0);
    expect(samplesOf(s, m)).toHaveLength(METRICS.sockets.bound(10));
  });

  it('keeps the top N CLOSE_WAIT processes and sums the rest into process="other" with their oldest age', async () => {
    const sockets = Array.from({ length: 12 }, (_, i) =>
      closeWait(`p${String(i).padStart(2, '0')}`, i + 1, 10 * (i + 1)),
    ).flat();
    const s = await scrape(new MetricsRegistry({ topN: 10 }), sockets);
    const counts = samplesOf(s, METRICS.closeWait.name);
    expect(counts).toHaveLength(11);
    expect(valueOf(s, METRICS.closeWait.name, { process: 'p11' })).toBe(12);
    expect(valueOf(s, METRICS.closeWait.name, { process: 'p02' })).toBe(3);
    // p00 (1 socket, 10 s) and p01 (2 sockets, 20 s) are the rest.
    expect(valueOf(s, METRICS.closeWait.name, { process: 'other' })).toBe(3);
    expect(valueOf(s, METRICS.closeWaitAge.name, { process: 'other', source: 'observed' })).toBe(20);
    expect(valueOf(s, METRICS.closeWaitAge.name, { process: 'p11', source: 'observed' })).toBe(120);
    expect(counts.reduce((t, x) => t + x.value, 0)).toBe(sockets.length);
  });

  it('drops a process that left the top N at the next scrape', async () => {
    const reg = new MetricsRegistry({ topN: 1 });
    await scrape(reg, [...closeWait('a', 2, 1), ...closeWait('b', 1, 1)]);
    const s = await scrape(reg, [...closeWait('b', 3, 1)]);
    expect(samplesOf(s, METRICS.closeWait.name).map((x) => x.labels.process)).toEqual(['b']);
  });

  it('groups TIME_WAIT by remote endpoint, top N plus other, and stays under the bound at 5,000 endpoints', async () => {
    const tw = Array.from({ length: 5000 }, (_, i) =>
      sock({
        state: 'TIME_WAIT',
        pid: null,
        process: null,
        localPort: 33000 + (i % 20000),
        remoteAddress: `10.0.${i >> 8}.${i & 255}`,
        remotePort: 443,
      }),
    );
    tw.push(
      sock({
        state: 'TIME_WAIT',
        pid: null,
        process: null,
        localPort: 61000,
        remoteAddress: '10.0.0.0',
        remotePort: 443,
      }),
    );
    const s = await scrape(new MetricsRegistry({ topN: 10 }), tw);
    const series = samplesOf(s, METRICS.timeWait.name);
    expect(series).toHaveLength(11);
    expect(valueOf(s, METRICS.timeWait.name, { remote: '10.0.0.0:443' })).toBe(2);
    expect(valueOf(s, METRICS.timeWait.name, { remote: 'other' })).toBe(5001 - 2 - 9);
    expect(s.length).toBeLessThanOrEqual(seriesBound(10));
  });

  it('sums SO_REUSEPORT listeners of one address and port, with the fill ratio, and skips listeners without queues', async () => {
    const listener = (over: Partial<Socket>): Socket =>
      sock({
        state: 'LISTEN',
        remoteAddress: '0.0.0.0',
        remotePort: 0,
        localAddress: '0.0.0.0',
        localPort: 8080,
        ...over,
      });
    const s = await scrape(new MetricsRegistry({ topN: 10 }), [
      listener({ inode: 1, recvQueue: 3, sendQueue: 8 }),
      listener({ inode: 2, recvQueue: 1, sendQueue: 8 }),
      listener({ localPort: 9090, recvQueue: null, sendQueue: null }),
    ]);
    const at = { address: '0.0.0.0', port: '8080' };
    expect(valueOf(s, METRICS.listenQueued.name, at)).toBe(4);
    expect(valueOf(s, METRICS.listenBacklog.name, at)).toBe(16);
    expect(valueOf(s, METRICS.listenFill.name, at)).toBe(0.25);
    expect(samplesOf(s, METRICS.listenQueued.name, { port: '9090' })).toEqual([]);
  });

  it('ranks listeners by fill, so a filling queue is never crowded out by idle ones', async () => {
    const idle = Array.from({ length: 20 }, (_, i) =>
      sock({ state: 'LISTEN', remotePort: 0, localPort: 1000 + i, recvQueue: 0, sendQueue: 128 }),
    );
    const busy = sock({ state: 'LISTEN', remotePort: 0, localPort: 5000, recvQueue: 100, sendQueue: 128 });
    const s = await scrape(new MetricsRegistry({ topN: 3 }), [...idle, busy]);
    expect(samplesOf(s, METRICS.listenFill.name)).toHaveLength(3);
    expect(valueOf(s, METRICS.listenFill.name, { port: '5000' })).toBeCloseTo(100 / 128);
  });

  it('measures ephemeral usage per local address and destination against the range, only with a known range', async () => {
    const conns = Array.from({ length: 100 }, (_, i) =>
      sock({ localPort: 40000 + i, remoteAddress: '10.1.1.1', remotePort: 5432 }),
    );
    const s = await scrape(new MetricsRegistry({ topN: 10 }), conns);
    expect(
      valueOf(s, METRICS.ephemeralUsage.name, { local_address: '127.0.0.1', remote: '10.1.1.1:5432' }),
    ).toBeCloseTo(100 / 28232);
    expect(valueOf(s, METRICS.ephemeralPorts.name)).toBe(28232);
    const none = await scrape(new MetricsRegistry({ topN: 10 }), conns, { diagnosis: null });
    expect(samplesOf(none, METRICS.ephemeralUsage.name)).toEqual([]);
    expect(samplesOf(none, METRICS.ephemeralPorts.name)).toEqual([]);
  });

  it('keeps its groups right as ticks add, change and remove sockets (no rescan of the table)', async () => {
    const reg = new MetricsRegistry({ topN: 10 });
    const a = sock({ state: 'ESTABLISHED', localPort: 40001, remoteAddress: '10.9.9.9', remotePort: 443 });
    const b = sock({ state: 'ESTABLISHED', localPort: 40002, remoteAddress: '10.9.9.9', remotePort: 443 });
    reg.onTick(baselineOf([a, b]));
    reg.update(viewOf());
    // a goes to TIME_WAIT (same key, new object), b is gone, c is new in CLOSE_WAIT.
    const aTw = { ...a, state: 'TIME_WAIT' as const, pid: null, process: null };
    const c = sock({ state: 'CLOSE_WAIT', localPort: 9000, remotePort: 50001, process: 'srv', stateSince: NOW - 5000 });
    reg.onTick(tickOf({ updated: [aTw, c], removed: [b.key] }));
    reg.update(viewOf());
    const s = parseSamples(await reg.metrics());
    const st = (state: string) => valueOf(s, METRICS.sockets.name, { proto: 'tcp', family: 'ipv4', state });
    expect([st('ESTABLISHED'), st('TIME_WAIT'), st('CLOSE_WAIT')]).toEqual([0, 1, 1]);
    expect(valueOf(s, METRICS.timeWait.name, { remote: '10.9.9.9:443' })).toBe(1);
    expect(valueOf(s, METRICS.ephemeralUsage.name, { local_address: '127.0.0.1', remote: '10.9.9.9:443' })).toBeCloseTo(
      1 / 28232,
    );
    expect(valueOf(s, METRICS.closeWaitAge.name, { process: 'srv', source: 'observed' })).toBe(5);
    reg.onTick(tickOf({ removed: [a.key, c.key] }));
    reg.update(viewOf());
    const empty = parseSamples(await reg.metrics());
    expect(samplesOf(empty, METRICS.timeWait.name)).toEqual([]);
    expect(samplesOf(empty, METRICS.ephemeralUsage.name)).toEqual([]);
    expect(samplesOf(empty, METRICS.closeWait.name)).toEqual([]);
  });

  it('counts findings per rule and severity and lists the worst N with their ids', async () => {
    const findings = [
      finding('close-wait', 'critical', 'close-wait:pid:1'),
      finding('time-wait', 'warning', 'time-wait:remote:10.0.0.1:443'),
      finding('close-wait', 'ok', 'close-wait:pid:2'),
    ];
    const s = await scrape(new MetricsRegistry({ topN: 2 }), [], { diagnosis: diagnosisOf({ findings }) });
    expect(valueOf(s, METRICS.findings.name, { rule: 'close-wait', severity: 'critical' })).toBe(1);
    expect(valueOf(s, METRICS.findings.name, { rule: 'close-wait', severity: 'ok' })).toBe(1);
    expect(valueOf(s, METRICS.findings.name, { rule: 'syn-flood', severity: 'ok' })).toBe(0);
    expect(samplesOf(s, METRICS.findings.name)).toHaveLength(21);
    expect(samplesOf(s, METRICS.finding.name).map((x) => x.labels.id)).toEqual([
      'close-wait:pid:1',
      'time-wait:remote:10.0.0.1:443',
    ]);
  });

  it('exports tcp_max_tw_buckets only when the kernel said it', async () => {
    const reg = new MetricsRegistry({ topN: 10 });
    const kernel = [{ name: 'net.ipv4.tcp_max_tw_buckets', value: '262144', present: true, explanationKey: 'k' }];
    const known = await scrape(reg, [], { diagnosis: diagnosisOf({ kernel }) });
    expect(valueOf(known, METRICS.maxTimeWait.name)).toBe(262144);
    const unknown = await scrape(reg, []);
    expect(samplesOf(unknown, METRICS.maxTimeWait.name)).toEqual([]);
  });

  it('turns terminal escapes in process names into visible text and keeps quotes intact', async () => {
    const reg = new MetricsRegistry({ topN: 10 });
    reg.onTick(baselineOf(closeWait('\u001b[31mevil"x', 1, 1)));
    reg.update(viewOf());
    const text = await reg.metrics();
    expect(text).not.toContain('\u001b');
    expect(valueOf(parseSamples(text), METRICS.closeWait.name, { process: '\\x1b[31mevil"x' })).toBe(1);
  });

  it('names a process it cannot see "?" and uses the process list when the socket carries only a pid', async () => {
    const reg = new MetricsRegistry({ topN: 10 });
    const hidden = sock({ state: 'CLOSE_WAIT', pid: null, process: null });
    const byPid = sock({ state: 'CLOSE_WAIT', pid: 77, process: null, remotePort: 1 });
    const processes = new Map([
      [77, { pid: 77, name: 'db', exe: null, cmdline: null, user: null, uid: null, startTime: null, ppid: null }],
    ]);
    const s = await scrape(reg, [hidden, byPid], { processes });
    expect(valueOf(s, METRICS.closeWait.name, { process: '?' })).toBe(1);
    expect(valueOf(s, METRICS.closeWait.name, { process: 'db' })).toBe(1);
  });
});

describe('MetricsRegistry counters', () => {
  it('counts transitions by source, derives openings, and ignores a baseline tick', async () => {
    const reg = new MetricsRegistry({ topN: 10 });
    const tick = tickOf({
      transitions: [
        { from: 'NEW', to: 'ESTABLISHED', source: 'observed', count: 3 },
        { from: 'NEW', to: 'LISTEN', source: 'observed', count: 1 },
        { from: 'ESTABLISHED', to: 'TIME_WAIT', source: 'trace', count: 2 },
      ],
      closed: [
        { key: null, finalState: 'TIME_WAIT', source: 'observed', final: null },
        { key: null, finalState: 'ESTABLISHED', source: 'kernel', final: null },
      ],
    });
    reg.onTick({ ...tick, baseline: true });
    reg.onTick(tick);
    reg.onTick(tick);
    const s = await scrape(reg, []);
    const t = METRICS.transitions.name;
    expect(valueOf(s, t, { from: 'NEW', to: 'ESTABLISHED', source: 'observed' })).toBe(6);
    expect(valueOf(s, t, { from: 'ESTABLISHED', to: 'TIME_WAIT', source: 'trace' })).toBe(4);
    expect(valueOf(s, METRICS.opened.name, { source: 'observed' })).toBe(6);
    expect(valueOf(s, METRICS.closed.name, { final_state: 'TIME_WAIT', source: 'observed' })).toBe(2);
    expect(valueOf(s, METRICS.closed.name, { final_state: 'ESTABLISHED', source: 'kernel' })).toBe(2);
    expect(valueOf(s, METRICS.closed.name, { final_state: 'FIN_WAIT_2', source: 'observed' })).toBe(0);
  });

  it('observes each refresh duration in the histogram', async () => {
    const reg = new MetricsRegistry({ topN: 10 });
    for (const seconds of [0.004, 0.03, 0.2, null]) reg.onTick(tickOf({ refreshSeconds: seconds }));
    const s = await scrape(reg, []);
    const h = METRICS.refresh.name;
    expect(valueOf(s, `${h}_count`)).toBe(3);
    expect(valueOf(s, `${h}_bucket`, { le: '0.005' })).toBe(1);
    expect(valueOf(s, `${h}_bucket`, { le: '0.05' })).toBe(2);
    expect(valueOf(s, `${h}_sum`)).toBeCloseTo(0.234);
  });

  it('adds collector restarts as they grow and never goes back when core reports fewer', async () => {
    const reg = new MetricsRegistry({ topN: 10 });
    const at = (restarts: number) => ({ collector: { hiddenOwners: 0, restarts, lastTakenAt: NOW } });
    await scrape(reg, [], at(2));
    await scrape(reg, [], at(1));
    const s = await scrape(reg, [], at(3));
    expect(valueOf(s, METRICS.restarts.name)).toBe(3);
  });

  it('starts the per-process counters with an "other" series at zero, so rate() has something to read', async () => {
    const s = await scrape(new MetricsRegistry({ topN: 10 }), []);
    for (const m of [METRICS.bytesSent, METRICS.bytesReceived, METRICS.retransmits]) {
      expect(valueOf(s, m.name, { process: 'other' })).toBe(0);
    }
  });
});
