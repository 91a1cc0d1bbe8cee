// The prom-client registry: counters folded from ticks, gauges set from the view at each scrape, all top-N bounded.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RULES, SEVERITIES } from '../../../shared/model/finding';
import { TCP_STATES } from '../../../shared/model/socket';
import { SERIES_IDS } from '../../../shared/logic/history/series-index';
import { METRICS, OTHER, REFRESH_BUCKETS, type MetricSpec } from './metric-catalog';
import type { MetricsTick, MetricsView } from './metrics-source';
import { ProcessCounters } from './process-counters';
import { labelText } from './label-values';
import { LiveTable, type CloseWaitGroup, type ListenGroup } from './live-table';
import { topN } from './top-n';

const byCount = (a: number, b: number): number => a - b;
const byCloseWait = (a: CloseWaitGroup, b: CloseWaitGroup): number =>
  a.count - b.count || a.oldestSeconds - b.oldestSeconds;
const fill = (g: ListenGroup): number => (g.backlog > 0 ? g.queued / g.backlog : 0);
const byFill = (a: ListenGroup, b: ListenGroup): number => fill(a) - fill(b) || a.queued - b.queued;
const sum = (xs: readonly number[]): number => xs.reduce((t, x) => t + x, 0);

/** `tcp4:ESTABLISHED` -> the labels of netinspect_sockets. */
const SOCKET_LABELS = SERIES_IDS.map((id) => {
  const [kind = '', state = ''] = id.split(':');
  return { proto: kind.slice(0, 3), family: kind.endsWith('6') ? 'ipv6' : 'ipv4', state };
});

/** Every metric of one exporter, in a private registry (never prom-client's global one). */
export class MetricsRegistry {
  readonly registry = new Registry();
  private readonly n: number;
  private readonly g;
  private readonly c;
  private readonly refresh: Histogram;
  private readonly perProcess: ProcessCounters;
  private readonly table = new LiveTable();
  private restartsSeen = 0;

  constructor(options: { readonly topN: number }) {
    this.n = options.topN;
    const gauge = (m: MetricSpec): Gauge => new Gauge({ ...base(m), registers: [this.registry] });
    const counter = (m: MetricSpec): Counter => new Counter({ ...base(m), registers: [this.registry] });
    const M = METRICS;
    this.g = {
      sockets: gauge(M.sockets),
      closeWait: gauge(M.closeWait),
      closeWaitAge: gauge(M.closeWaitAge),
      timeWait: gauge(M.timeWait),
      ephemeralUsage: gauge(M.ephemeralUsage),
      ephemeralPorts: gauge(M.ephemeralPorts),
      listenQueued: gauge(M.listenQueued),
      listenBacklog: gauge(M.listenBacklog),
      listenFill: gauge(M.listenFill),
      synReceived: gauge(M.synReceived),
      findings: gauge(M.findings),
      finding: gauge(M.finding),
      lastRefresh: gauge(M.lastRefresh),
      hiddenOwners: gauge(M.hiddenOwners),
      maxTimeWait: gauge(M.maxTimeWait),
      diagnosisTime: gauge(M.diagnosisTime),
      build: gauge(M.build),
    };
    this.c = {
      closed: counter(M.closed),
      opened: counter(M.opened),
      transitions: counter(M.transitions),
      retransmits: counter(M.retransmits),
      bytesSent: counter(M.bytesSent),
      bytesReceived: counter(M.bytesReceived),
      restarts: counter(M.restarts),
    };
    this.refresh = new Histogram({ ...base(M.refresh), buckets: REFRESH_BUCKETS, registers: [this.registry] });
    // Known label sets start at zero, so rate() and alerts see a series from the first scrape.
    for (const s of TCP_STATES) if (s !== 'LISTEN') this.c.closed.inc({ final_state: s, source: 'observed' }, 0);
    this.c.opened.inc({ source: 'observed' }, 0);
    for (const c of [this.c.bytesSent, this.c.bytesReceived, this.c.retransmits]) c.inc({ process: OTHER }, 0);
    this.perProcess = new ProcessCounters({
      topN: this.n,
      add: (process, d) => {
        if (d.sent > 0) this.c.bytesSent.inc({ process }, d.sent);
        if (d.received > 0) this.c.bytesReceived.inc({ process }, d.received);
        if (d.retransmits > 0) this.c.retransmits.inc({ process }, d.retransmits);
      },
      drop: (process) => {
        for (const c of [this.c.bytesSent, this.c.bytesReceived, this.c.retransmits]) c.remove({ process });
      },
    });
  }

  /** The Content-Type of `metrics()`. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Folds one refresh into the counters and the refresh histogram. */
  onTick(tick: MetricsTick): void {
    if (tick.refreshSeconds !== null) this.refresh.observe(tick.refreshSeconds);
    this.table.apply(tick);
    this.perProcess.apply(tick);
    if (tick.baseline) return;
    for (const t of tick.transitions) {
      if (t.count <= 0) continue;
      this.c.transitions.inc({ from: t.from, to: t.to, source: t.source }, t.count);
      if (t.from === 'NEW' && t.to !== 'LISTEN') this.c.opened.inc({ source: t.source }, t.count);
    }
    for (const c of tick.closed) this.c.closed.inc({ final_state: c.finalState, source: c.source });
  }

  /** Sets every gauge from the current view (series that left the top N go). */
  update(view: MetricsView): void {
    const t = this.table;
    // A diagnosis that failed once leaves the last known range in place (regrouping 40k sockets is not free).
    if (view.diagnosis) t.setEphemeralRange(view.diagnosis.ephemeralRange);
    const g = this.g;
    SOCKET_LABELS.forEach((labels, i) => g.sockets.set(labels, t.counts[i] ?? 0));

    for (const m of [g.closeWait, g.closeWaitAge, g.timeWait, g.ephemeralUsage, g.synReceived]) m.reset();
    for (const m of [g.listenQueued, g.listenBacklog, g.listenFill, g.findings, g.finding]) m.reset();
    const cw = topN(t.closeWaitGroups(view.processes, view.takenAt), this.n, byCloseWait);
    for (const [process, x] of cw.top) {
      g.closeWait.set({ process }, x.count);
      g.closeWaitAge.set({ process, source: x.source }, x.oldestSeconds);
    }
    if (cw.rest.length > 0) {
      const oldest = cw.rest.reduce((a, b) => (b.oldestSeconds > a.oldestSeconds ? b : a));
      g.closeWait.set({ process: OTHER }, sum(cw.rest.map((x) => x.count)));
      g.closeWaitAge.set({ process: OTHER, source: oldest.source }, oldest.oldestSeconds);
    }
    const tw = topN(t.timeWait, this.n, byCount);
    for (const [remote, count] of tw.top) g.timeWait.set({ remote }, count);
    if (tw.rest.length > 0) g.timeWait.set({ remote: OTHER }, sum(tw.rest));
    const syn = topN(t.synReceived, this.n, byCount);
    for (const [port, count] of syn.top) g.synReceived.set({ port }, count);
    if (syn.rest.length > 0) g.synReceived.set({ port: OTHER }, sum(syn.rest));
    // A ratio of "the rest" would mean nothing: ephemeral usage and queue fill are top N only.
    const size = t.ephemeralPorts;
    this.present(METRICS.ephemeralPorts.name, g.ephemeralPorts, size);
    if (size !== null) {
      for (const [, e] of topN(t.ephemeral, this.n, (a, b) => a.count - b.count).top)
        g.ephemeralUsage.set({ local_address: e.localAddress, remote: e.remote }, e.count / size);
    }
    for (const [, l] of topN(t.listenGroups(), this.n, byFill).top) {
      const labels = { address: l.address, port: String(l.port) };
      g.listenQueued.set(labels, l.queued);
      g.listenBacklog.set(labels, l.backlog);
      if (l.backlog > 0) g.listenFill.set(labels, fill(l));
    }
    this.updateDiagnosis(view);
    this.updateCollector(view);
  }

  /** The exposition text. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  private updateDiagnosis(view: MetricsView): void {
    const d = view.diagnosis;
    const tw = d?.kernel.find((k) => k.name === 'net.ipv4.tcp_max_tw_buckets')?.value?.trim();
    this.present(METRICS.maxTimeWait.name, this.g.maxTimeWait, tw && /^\d+$/.test(tw) ? Number(tw) : null);
    this.present(METRICS.diagnosisTime.name, this.g.diagnosisTime, d ? d.takenAt / 1000 : null);
    if (!d) return;
    const counts = new Map<string, number>();
    for (const f of d.findings) counts.set(`${f.rule} ${f.severity}`, (counts.get(`${f.rule} ${f.severity}`) ?? 0) + 1);
    for (const rule of RULES)
      for (const severity of SEVERITIES)
        this.g.findings.set({ rule, severity }, counts.get(`${rule} ${severity}`) ?? 0);
    for (const f of d.findings.slice(0, this.n))
      this.g.finding.set({ rule: f.rule, severity: f.severity, id: labelText(f.id) }, 1);
  }

  /** An unlabelled gauge with `value`, or left out of the scrape when unknown (prom-client would print 0). */
  private present(name: string, gauge: Gauge, value: number | null): void {
    if (value === null) this.registry.removeSingleMetric(name);
    else {
      if (!this.registry.getSingleMetric(name)) this.registry.registerMetric(gauge);
      gauge.set(value);
    }
  }

  private updateCollector(view: MetricsView): void {
    const c = view.collector;
    this.g.hiddenOwners.set(c.hiddenOwners);
    if (c.lastTakenAt !== null) this.g.lastRefresh.set(c.lastTakenAt / 1000);
    // Core counts restarts since it started; the counter only ever adds what is new.
    if (c.restarts > this.restartsSeen) {
      this.c.restarts.inc(c.restarts - this.restartsSeen);
      this.restartsSeen = c.restarts;
    }
    this.g.build.reset();
    this.g.build.set({ version: labelText(view.build.version), platform: view.build.platform }, 1);
  }
}

function base(m: MetricSpec): { name: string; help: string; labelNames: string[] } {
  return { name: m.name, help: m.help, labelNames: [...m.labels] };
}
