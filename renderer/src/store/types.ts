// The shape of the bound store: one interface per slice, combined.
import type { StateCreator } from 'zustand';
import type { EventPayload, Response } from '../../../shared/contract';
import type { AppErrorData } from '../../../shared/model/errors';
import type { Settings } from '../../../shared/model/settings';
import type { SocketDelta } from '../../../shared/model/snapshot';
import type { ProcessInfo, Socket } from '../../../shared/model/socket';
import type { FilterToggles } from '../../../shared/logic/filter';
import type { ServiceTable } from '../../../shared/logic/services';
import type { ConnectionState } from '../api';
import type { ColumnId } from '../features/sockets/columns';

/** How a row changed recently, for TCPView-style highlighting. */
export type ChangeKind = 'added' | 'changed' | 'removed';

/** A recent change of one row and when it happened (ms since epoch). */
export interface RowChange {
  readonly kind: ChangeKind;
  readonly at: number;
}

export interface SocketsSlice {
  /** Live sockets by key; mutated in place, `version` tells subscribers it moved. */
  readonly table: Map<string, Socket>;
  /** Sockets removed in the last few seconds, still shown as closed. */
  readonly ghosts: Map<string, Socket>;
  readonly changes: Map<string, RowChange>;
  readonly processes: Map<number, ProcessInfo>;
  readonly services: ServiceTable;
  /** Bumped once per applied delta or sweep that changed what the table shows. */
  readonly version: number;
  /** True once the first snapshot arrived. */
  readonly ready: boolean;
  readonly seq: number;
  /** Wall clock (ms since epoch) the age column reads; ticks once a second. */
  readonly now: number;
  subscribe(): Promise<void>;
  receiveDelta(delta: SocketDelta): void;
  sweep(now: number): void;
  loadServices(): Promise<void>;
}

export type CollectorStatus = EventPayload<'collector:status'>;
export type AppInfo = Response<'app:info'>;

export interface StatusSlice {
  readonly status: CollectorStatus | null;
  readonly connection: ConnectionState;
  setConnection(state: ConnectionState): void;
  setStatus(status: CollectorStatus): void;
  loadStatus(): Promise<void>;
  setPaused(paused: boolean): Promise<void>;
}

export interface SettingsSlice {
  readonly settings: Settings | null;
  readonly appInfo: AppInfo | null;
  loadSettings(): Promise<void>;
  updateSettings(patch: Partial<Settings>): Promise<void>;
  receiveSettings(settings: Settings): void;
}

/** Sort order of the table. */
export interface SortOrder {
  readonly column: ColumnId;
  readonly direction: 'ascending' | 'descending';
}

export interface ViewSlice {
  readonly filterText: string;
  readonly toggles: FilterToggles;
  readonly sort: SortOrder;
  setFilterText(text: string): void;
  setToggle(name: keyof FilterToggles, value: boolean): void;
  toggleSort(column: ColumnId): void;
}

/** An error shown as a toast until dismissed or expired. */
export interface Toast {
  readonly id: number;
  readonly error: AppErrorData;
}

export interface ToastSlice {
  readonly toasts: readonly Toast[];
  pushError(error: AppErrorData): void;
  dismissToast(id: number): void;
}

export type AppState = SocketsSlice & StatusSlice & SettingsSlice & ViewSlice & ToastSlice;

/** A slice creator over the whole store, so actions may call other slices' actions. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
