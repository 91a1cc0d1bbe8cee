// Core's long-lived services and the subscription bookkeeping the handlers share.
import type { Response } from '../../shared/contract';
import type { Settings } from '../../shared/model/settings';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Client } from './client';
import type { PrivilegeBroker } from './privilege/broker';
import type { ProcessActions } from './process-actions';
import type { SettingsStore } from './settings-store';
import type { SocketMonitor } from './socket-monitor';
import type { StateAnalytics } from './state-analytics';
import type { WatchList } from '../../shared/model/alerts';
import type { AdapterService } from './adapters/adapter-service';

/** What handlers may use. */
export interface CoreServices {
  readonly monitor: SocketMonitor;
  readonly settings: SettingsStore;
  readonly info: Response<'app:info'>;
  readonly actions: ProcessActions;
  readonly broker: PrivilegeBroker;
  subscribe(client: Client): Promise<Snapshot>;
  unsubscribe(client: Client): void;
  setSettings(update: Partial<Settings>): Settings;
  /** History, diagnosis and alerts. */
  readonly analytics: StateAnalytics;
  /** Adds a watched port (persisted); INVALID_INPUT beyond MAX_WATCHED_PORTS. */
  addWatch(port: number): WatchList;
  removeWatch(port: number): WatchList;
  /** Interfaces and TAP/TUN adapters. */
  readonly adapters: AdapterService;
}
