// Core: the one implementation of the contract that the Electron main process, browser mode and CLI wrap.
import { channels, isChannel, type Channel, type EventName, type EventPayload } from '../../shared/contract';
import { keyedError } from '../../shared/logic/input-error';
import { AppError, ok, toErrorData, type Result } from '../../shared/model/errors';
import type { Settings } from '../../shared/model/settings';
import type { Client } from './client';
import { CollectorHost, type SpawnWorker } from './collector/host';
import { createHandlers, type Handler, type Handlers } from './handlers';
import { HELPER_SCRIPT } from './paths';
import { createPrivilegeBroker, type BrokerOptions } from './privilege/broker';
import { isElevated } from './privilege/elevation';
import { createProcessActions } from './process-actions';
import type { CoreServices } from './services';
import { SettingsStore } from './settings-store';
import { SocketMonitor } from './socket-monitor';
import { StateAnalytics } from './state-analytics';
import { MAX_WATCHED_PORTS } from '../../shared/model/alerts';
import { createAdapterService } from './adapters/adapter-service';
import { cancelScansOf } from './tools/tool-handlers';

export interface CoreOptions {
  readonly configDir: string;
  readonly host: 'electron' | 'browser';
  readonly spawnWorker: SpawnWorker;
  readonly version: string;
  readonly locale: string;
  /** Overrides for the privileged helper (tests inject a launcher that needs no password prompt). */
  readonly privilege?: Partial<BrokerOptions>;
}

/** The running core. */
export interface Core {
  /** Validates and answers one request; never throws. */
  handle(channel: unknown, request: unknown, client: Client): Promise<Result<unknown>>;
  /** Forgets a front end that went away. */
  disconnect(client: Client): void;
  readonly handlers: Handlers;
  dispose(): void;
}

/** Starts core with its collector host, settings store and monitor. */
export function createCore(options: CoreOptions): Core {
  const settings = new SettingsStore(options.configDir);
  const subscribers = new Map<string, Client>();
  const broadcast = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    for (const c of subscribers.values()) {
      // One front end failing to take an event must not keep it from the others.
      try {
        c.send(event, payload);
      } catch {
        if (subscribers.delete(c.id)) monitor?.removeListener();
      }
    }
  };
  let monitor: SocketMonitor | null = null;
  const analytics = new StateAnalytics({ settings: () => settings.get(), onAlert: (event, a) => broadcast(event, a) });
  const broker = createPrivilegeBroker({ helperScript: HELPER_SCRIPT, ...options.privilege });
  // "Show all owners (administrator)": while the broker offers one, the collector runs as root inside the helper.
  const spawn: SpawnWorker = () => broker.collectorSpawner()?.() ?? options.spawnWorker();
  const host = new CollectorHost({
    spawn,
    onEvent: (e) => monitor?.noteError('COLLECTOR_FAILED', e.message),
  });
  monitor = new SocketMonitor({
    host,
    intervalMs: settings.get().refreshIntervalMs,
    elevated: isElevated(),
    onDelta: (d) => broadcast('sockets:delta', d),
    onStatus: (s) => broadcast('collector:status', s),
    onTick: (t) => analytics.onTick(t, t.table, t.takenAt),
  });
  const m = monitor;
  // History lives in core: keep ticking with no window open, so every front door sees the same past.
  m.setBackground(true);
  let collectorElevated = false;
  broker.onStatus((s) => {
    // The next refresh starts the collector through the helper (or back locally when the helper is gone).
    if (s.collectorElevated !== collectorElevated) {
      collectorElevated = s.collectorElevated;
      if (!s.elevated) host.replace();
    }
    broadcast('privilege:status', s);
  });
  const services: CoreServices = {
    monitor: m,
    settings,
    info: { version: options.version, platform: process.platform, host: options.host, locale: options.locale },
    actions: createProcessActions(),
    broker,
    adapters: createAdapterService(),
    async subscribe(client) {
      if (subscribers.has(client.id)) return m.snapshot();
      subscribers.set(client.id, client);
      return m.addListener();
    },
    unsubscribe(client) {
      if (subscribers.delete(client.id)) m.removeListener();
    },
    setSettings(update: Partial<Settings>) {
      const before = settings.get();
      const next = settings.set(update);
      if (next.refreshIntervalMs !== before.refreshIntervalMs) m.setInterval(next.refreshIntervalMs);
      broadcast('settings:changed', next);
      return next;
    },
    analytics,
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
  const handlers = createHandlers(services);

  return {
    handlers,
    async handle(channel, request, client) {
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
    },
    disconnect(client) {
      services.unsubscribe(client);
      // A scan nobody will read any more only costs connections: stop it with its front end.
      cancelScansOf(client.id);
    },
    dispose() {
      m.stop();
      host.dispose();
      broker.dispose();
    },
  };
}
