// Core's long-lived services and the subscription bookkeeping the handlers share.
import type { Response } from '../../shared/contract';
import type { Settings } from '../../shared/model/settings';
import type { Snapshot } from '../../shared/model/snapshot';
import type { Client } from './client';
import type { SettingsStore } from './settings-store';
import type { SocketMonitor } from './socket-monitor';

/** What handlers may use. */
export interface CoreServices {
  readonly monitor: SocketMonitor;
  readonly settings: SettingsStore;
  readonly info: Response<'app:info'>;
  subscribe(client: Client): Promise<Snapshot>;
  unsubscribe(client: Client): void;
  setSettings(update: Partial<Settings>): Settings;
}
