// Core's long-lived services: what handlers may use.
import type { Response } from '../../shared/contract';
import type { WatchList } from '../../shared/model/alerts';
import type { Settings } from '../../shared/model/settings';
import type { Snapshot } from '../../shared/model/snapshot';
import type { AdapterService } from './adapters/adapter-service';
import type { Client } from './client';
import type { EventRouter } from './event-router';
import type { ConnectionLog } from '../../shared/logic/connections/connection-log';
import type { ProcessTrafficView } from '../../shared/logic/traffic/process-traffic';
import type { HostNames } from './hosts/host-names';
import type { Platform } from './platform/platform';
import type { PrivilegeBroker } from './privilege/broker';
import type { PrivilegedOps } from './privileged-ops';
import type { SettingsStore } from './settings-store';
import type { SocketMonitor } from './socket-monitor';
import type { StateAnalytics } from './state-analytics';
import type { TimelineService } from './timeline/timeline-service';

/** What handlers may use. */
export interface CoreServices {
  readonly monitor: SocketMonitor;
  readonly settings: SettingsStore;
  readonly info: Response<'app:info'>;
  readonly platform: Platform;
  /** Kill, close, adapter create/remove with this process's rights (the helper runs the same ones). */
  readonly privileged: PrivilegedOps;
  readonly broker: PrivilegeBroker;
  /** Interfaces and TAP/TUN adapters. */
  readonly adapters: AdapterService;
  /** History, diagnosis and alerts. */
  readonly analytics: StateAnalytics;
  /** Every closed connection. */
  readonly connections: ConnectionLog;
  /** Traffic per process and destination. */
  readonly traffic: ProcessTrafficView;
  /** Reverse DNS of remote addresses, in the background. */
  readonly hostNames: HostNames;
  /** The recorder and the recorded past. */
  readonly timeline: TimelineService;
  /** Which front end receives which pushed events. */
  readonly events: EventRouter;
  /** Starts `sockets:delta` for `client`; answers the table the deltas apply to. */
  subscribe(client: Client): Promise<Snapshot>;
  unsubscribe(client: Client): void;
  setSettings(update: Partial<Settings>): Settings;
  /** Adds a watched port (persisted); INVALID_INPUT beyond MAX_WATCHED_PORTS. */
  addWatch(port: number): WatchList;
  removeWatch(port: number): WatchList;
}
