// Core: the one assembly point. Every front door (Electron main, `netinspect serve`, every CLI command) gets its
// services from createCore and talks to them only through the contract's handlers.
import {
  channels,
  isChannel,
  type Channel,
  type EventName,
  type EventPayload,
  type Request,
  type Response,
} from '../../shared/contract';
import { keyedError } from '../../shared/logic/input-error';
import { MAX_WATCHED_PORTS } from '../../shared/model/alerts';
import { AppError, ok, toErrorData, type Result } from '../../shared/model/errors';
import type { Settings } from '../../shared/model/settings';
import type { Socket } from '../../shared/model/socket';
import { createAdapterService } from './adapters/adapter-service';
import type { Client } from './client';
import { CollectorHost, forkWorker, type SpawnWorker } from './collector/host';
import { inProcessWorker } from './collector/in-process';
import { ConnectionLog } from '../../shared/logic/connections/connection-log';
import { ProcessTrafficView } from '../../shared/logic/traffic/process-traffic';
import { EventRouter } from './event-router';
import { HostNames, type HostNameOptions } from './hosts/host-names';
import { createTickMetricsSource, type CoreTick, type StoppableMetricsSource } from './metrics/tick-source';
import { createHandlers, type Handler, type Handlers } from './handlers';
import { COLLECTOR_WORKER, HELPER_SCRIPT } from './paths';
import { isElevated } from './platform/elevation';
import { createPlatform } from './platform/index';
import type { Platform } from './platform/platform';
import { createPrivilegeBroker, type BrokerOptions } from './privilege/broker';
import { createPrivilegedOps } from './privileged-ops';
import type { CoreServices } from './services';
import { SettingsStore } from './settings-store';
import { SocketMonitor } from './socket-monitor';
import { StateAnalytics } from './state-analytics';
import { TimelineService, type TimelineOption } from './timeline/timeline-service';
import { cancelScansOf } from './tools/tool-handlers';
import { startTableService, type TableService } from './table-service/table-server';
import { APP_VERSION } from './version';

export interface CoreOptions {
  /** Where settings persist; null keeps them in memory (the CLI never writes the user's settings). */
  readonly configDir: string | null;
  /** Settings applied on top of the stored ones, in memory (the CLI's --interval, watch thresholds). */
  readonly settings?: Partial<Settings>;
  readonly host: 'electron' | 'browser' | 'cli';
  /**
   * How the collector runs: 'process' (default) forks it, so a native crash never takes this process down;
   * 'in-process' runs it here, for one-shot commands where a fork costs more than the command; or a spawner of
   * the front end's own (Electron's utilityProcess).
   */
  readonly collector?: 'process' | 'in-process' | SpawnWorker;
  /**
   * Open the kernel's event sources (destroy events, the state trace) beside an in-process collector: for commands
   * that watch over time (stats, top, closed, record); a forked collector always opens them.
   */
  readonly kernelEvents?: boolean;
  /** Keep refreshing with no front end subscribed, so history and alerts stay current (default true). */
  readonly background?: boolean;
  /**
   * false: refreshes feed nothing built over time (history, alerts, the Connections log, traffic per process), for
   * a one-shot read of the table (`list`, `who`) that never shows them and should not pay for them (default true).
   */
  readonly analytics?: boolean;
  readonly version?: string;
  readonly locale?: string;
  /** Overrides for the privileged helper (tests inject a launcher that needs no password prompt). */
  readonly privilege?: Partial<BrokerOptions>;
  /** The OS layer (default: the running OS's). */
  readonly platform?: Platform;
  /**
   * Overrides for reverse DNS (tests inject a PTR lookup that hangs or answers what they want: the boundary where no
   * real DNS server may be asked).
   */
  readonly hostNames?: Omit<HostNameOptions, 'onResolved'>;
  /**
   * The timeline: record this host into a file (the app and `serve`: `<configDir>/timeline.sqlite`), follow one
   * another process records, or open a copied one read-only; none by default (the CLI's one-shot commands).
   */
  readonly timeline?: TimelineOption | null;
  /** Answer this user's `netinspect list` from the live table (table-service/; default: the window and serve). */
  readonly tableService?: boolean;
}

/** The running core. */
export interface Core {
  /** Validates and answers one request; never throws. */
  handle(channel: unknown, request: unknown, client: Client): Promise<Result<unknown>>;
  /** The same for in-process front doors, typed: resolves with the value, rejects with the AppError. */
  call<C extends Channel>(channel: C, request: Request<C>, client?: Client): Promise<Response<C>>;
  /** Routes `events` to `client` (in-process front ends; remote ones use `events:subscribe`). */
  subscribe(client: Client, events: readonly EventName[]): void;
  /** Forgets a front end that went away. */
  disconnect(client: Client): void;
  /** A Prometheus metrics source fed by this core's refresh loop (stop it with close()). */
  metricsSource(): StoppableMetricsSource;
  /**
   * Shows a recording copied from elsewhere (File > Open Recording): read-only; throws, changing nothing, when it
   * cannot be read. `null` returns to the core's own timeline. Every front end hears `timeline:status`.
   */
  openRecording(file: string | null): Response<'timeline:status'>;
  dispose(): void;
}

/** The remote addresses of `sockets` worth a name (not wildcards). */
function* remotesOf(sockets: readonly Socket[]): Iterable<string> {
  for (const s of sockets) if (s.remotePort !== 0) yield s.remoteAddress;
}

/** A client for calls that want no pushed events. */
const NO_EVENTS: Client = { id: 'core-call', send: () => {} };

function spawnerFor(option: CoreOptions['collector'], platform: Platform, kernelEvents: boolean): SpawnWorker {
  if (typeof option === 'function') return option;
  return option === 'in-process'
    ? inProcessWorker(
        () => platform.createSocketCollector(),
        () => (kernelEvents ? platform.openSocketEvents() : null),
      )
    : forkWorker(COLLECTOR_WORKER);
}

/** Starts core: settings, collector host, monitor, analytics, privileges, adapters; then the handler table. */
export function createCore(options: CoreOptions): Core {
  const platform = options.platform ?? createPlatform();
  const settings = new SettingsStore(options.configDir, options.settings);
  const router = new EventRouter();
  let monitor: SocketMonitor | null = null;
  const dropped = (client: Client, had: ReadonlySet<EventName>): void => {
    if (had.has('sockets:delta')) monitor?.removeListener();
    cancelScansOf(client.id);
  };
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => router.emit(event, payload, dropped);
  /** Core's own consumers of every refresh (the Prometheus exporter). */
  const tickListeners = new Set<(t: CoreTick) => void>();
  const connections = new ConnectionLog();
  const traffic = new ProcessTrafficView();
  const analytics = new StateAnalytics({
    settings: () => settings.get(),
    onAlert: (event, a) => emit(event, a),
    readKernel: () => platform.kernelFacts(),
    failedConnects: (since) => connections.failedSince(since),
  });
  const timeline = new TimelineService({
    option: options.timeline ?? null,
    settings: () => settings.get(),
    onStatus: (st) => emit('timeline:status', st),
    version: options.version ?? APP_VERSION,
  });
  const hostNames = new HostNames({ ...options.hostNames, onResolved: (names) => emit('hosts:resolved', { names }) });
  const broker = createPrivilegeBroker({ helperScript: HELPER_SCRIPT, ...options.privilege });
  const ownSpawn = spawnerFor(options.collector, platform, options.kernelEvents === true);
  // "Show all owners (administrator)": while the broker offers one, the collector runs as root inside the helper.
  const host = new CollectorHost({
    spawn: () => broker.collectorSpawner()?.() ?? ownSpawn(),
    onEvent: (e) => monitor?.noteError('COLLECTOR_FAILED', e.message),
  });
  const m = new SocketMonitor({
    host,
    intervalMs: settings.get().refreshIntervalMs,
    elevated: isElevated(),
    onDelta: (d) => emit('sockets:delta', d),
    onStatus: (s) => emit('collector:status', s),
    onTick: (t) => {
      if (options.analytics === false) return;
      const on = (source: string) => t.stats.kernelSources.some((k) => k.source === source && k.on);
      const closedNow = connections.apply(t, on('closedSockets'), on('stateTrace'));
      // Closes come from the kernel whenever a kernel source is on; transitions only when the trace is. Churn
      // counts what this network namespace freed (destroy events, or refreshes): not the trace's failed connects,
      // which the machine-wide tracepoint also reports from other namespaces (containers).
      const traced =
        on('closedSockets') || on('stateTrace')
          ? {
              transitions: on('stateTrace') ? t.events.transitions : null,
              closed: closedNow.filter((c) => c.proto === 'tcp' && c.closedAtSource !== 'trace').length,
            }
          : undefined;
      const sample = analytics.onTick(t, t.table, t.takenAt, traced);
      const transitionsTraced = on('stateTrace');
      for (const l of tickListeners) l({ tick: t, sample, traced: transitionsTraced, closed: closedNow });
      timeline.onTick(t, closedNow, sample, transitionsTraced);
      traffic.apply({ ...t, processes: m.processMap() }, closedNow);
      // Names are looked up off the hot path: this only queues new remote addresses, answers come as events.
      const s = settings.get();
      if (s.resolveAddresses) {
        // Names already known (hosts file, cache) for new connections go out at once; the rest follow as answered.
        const known = hostNames.lookup(remotesOf(t.added), s.resolvePrivateAddresses === true);
        if (known.size > 0) emit('hosts:resolved', { names: [...known.values()] });
      }
    },
  });
  monitor = m;
  // History lives in core: keep ticking with no window open, so every front door sees the same past.
  if (options.background !== false) m.setBackground(true);
  let collectorElevated = false;
  broker.onStatus((s) => {
    // The next refresh starts the collector through the helper (or back locally when the helper is gone).
    if (s.collectorElevated !== collectorElevated) {
      collectorElevated = s.collectorElevated;
      if (!s.elevated) host.replace();
    }
    emit('privilege:status', s);
  });
  // This user's `netinspect list` may ask this live table instead of scanning all of /proc itself.
  let tableService: TableService | null = null;
  let disposed = false;
  if (options.tableService ?? options.host !== 'cli') {
    void startTableService({
      host: options.host,
      freshTable: async () => (m.status().paused ? null : m.freshSnapshot()),
      elevated: () => isElevated() || collectorElevated,
    }).then((service) => (disposed ? service?.close() : (tableService = service)));
  }
  const adapters = createAdapterService(platform.adapters, platform.os);
  const services: CoreServices = {
    monitor: m,
    settings,
    platform,
    privileged: createPrivilegedOps(platform, adapters),
    info: {
      version: options.version ?? APP_VERSION,
      platform: platform.os,
      host: options.host,
      locale: options.locale ?? Intl.DateTimeFormat().resolvedOptions().locale,
    },
    broker,
    adapters,
    analytics,
    connections,
    traffic,
    hostNames,
    timeline,
    events: router,
    async subscribe(client) {
      if (router.has(client, 'sockets:delta')) return m.snapshot();
      // The table's health comes with the table: a front end showing deltas shows where they come from.
      router.subscribe(client, ['sockets:delta', 'collector:status']);
      // The deltas of the refreshes this table waits for are in it (the first refresh's is the whole table again,
      // 40,000 sockets to encode, send and parse for nothing): they are held, and only the later ones follow.
      router.hold(client, 'sockets:delta');
      let seq = -Infinity;
      try {
        const snap = await m.addListener(client.drained?.bind(client));
        seq = snap.seq;
        return snap;
      } finally {
        router.release(client, 'sockets:delta', (d) => d.seq > seq, dropped);
      }
    },
    unsubscribe(client) {
      if (!router.has(client, 'sockets:delta')) return;
      router.unsubscribe(client, ['sockets:delta']);
      m.removeListener();
    },
    setSettings(update: Partial<Settings>) {
      const before = settings.get();
      const next = settings.set(update);
      if (next.refreshIntervalMs !== before.refreshIntervalMs) m.setInterval(next.refreshIntervalMs);
      timeline.settingsChanged(before, next);
      // Turning names on (or private ones) starts with every remote address already in the table.
      if (
        next.resolveAddresses &&
        (!before.resolveAddresses || next.resolvePrivateAddresses !== before.resolvePrivateAddresses)
      ) {
        void m
          .snapshot()
          .then((snap) => hostNames.lookup(remotesOf(snap.sockets), next.resolvePrivateAddresses === true));
      }
      emit('settings:changed', next);
      return next;
    },
    addWatch(port) {
      const ports = settings.get().watchedPorts ?? [];
      if (!ports.includes(port)) {
        if (ports.length >= MAX_WATCHED_PORTS) throw keyedError('input.watchTooMany', { max: MAX_WATCHED_PORTS });
        this.setSettings({ watchedPorts: [...ports, port].sort((a, b) => a - b) });
      }
      return analytics.watchList();
    },
    removeWatch(port) {
      this.setSettings({ watchedPorts: (settings.get().watchedPorts ?? []).filter((p) => p !== port) });
      return analytics.watchList();
    },
  };
  const handlers: Handlers = createHandlers(services);

  const handle = async (channel: unknown, request: unknown, client: Client): Promise<Result<unknown>> => {
    try {
      if (!isChannel(channel)) {
        throw new AppError('UNKNOWN_CHANNEL', `Unknown request channel: ${String(channel).slice(0, 64)}.`);
      }
      const parsed = channels[channel].request.safeParse(request ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const field = issue?.path.join('.') || 'request';
        throw keyedError('input.field', { field, detail: issue?.message ?? 'malformed request' });
      }
      const handler = handlers[channel as Channel] as Handler<Channel>;
      return ok(await handler(parsed.data as never, client));
    } catch (e) {
      return { ok: false, error: toErrorData(e) };
    }
  };
  const disconnect = (client: Client): void => {
    services.unsubscribe(client);
    router.remove(client);
    // A scan nobody will read any more only costs connections: stop it with its front end.
    cancelScansOf(client.id);
  };

  return {
    handle,
    async call(channel, request, client = NO_EVENTS) {
      const r = await handle(channel, request, client);
      if (!r.ok) throw new AppError(r.error.code, r.error.message, r.error.params, r.error.key);
      return r.value as never;
    },
    subscribe: (client, events) => void router.subscribe(client, events),
    disconnect,
    metricsSource: () =>
      createTickMetricsSource({
        onTick: (listener) => {
          tickListeners.add(listener);
          return () => tickListeners.delete(listener);
        },
        table: () => m.tableView(),
        processes: () => m.processMap(),
        status: () => m.status(),
        diagnose: async () => {
          await m.ready();
          return analytics.diagnose([...m.tableView().values()], m.status().lastTakenAt ?? Date.now());
        },
        build: { version: services.info.version, platform: services.info.platform },
      }),
    openRecording: (file) => timeline.openRecording(file, options.timeline ?? null),
    dispose() {
      m.stop();
      timeline.dispose();
      hostNames.dispose();
      disposed = true;
      tableService?.close();
      host.dispose();
      broker.dispose();
    },
  };
}
