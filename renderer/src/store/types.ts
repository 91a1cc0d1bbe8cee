// The shape of the bound store: one interface per slice, combined.
import type { StateCreator } from 'zustand';
import type { EventPayload, Response } from '../../../shared/contract';
import type { ProcessDetails } from '../../../shared/model/actions';
import type { Alert, AlertThresholds, WatchList } from '../../../shared/model/alerts';
import type { Diagnosis } from '../../../shared/model/finding';
import type { StatsSeries, StatsTransitions, StatsWindow } from '../../../shared/model/history';
import type { AppErrorData } from '../../../shared/model/errors';
import type { PrivilegeStatus } from '../../../shared/model/privilege';
import type { Settings } from '../../../shared/model/settings';
import type { SocketDelta } from '../../../shared/model/snapshot';
import type { ProcessInfo, Socket } from '../../../shared/model/socket';
import type { FilterToggles } from '../../../shared/logic/filter';
import type { ServiceTable } from '../../../shared/logic/services';
import type { ConnectionState } from '../api';
import type { TableJournal } from './table-journal';
import type { AdaptersSlice } from './adapters-slice';
import type { ConnectionsSlice } from './connections-slice';
import type { ColumnId } from '../features/sockets/columns';
import type { ReportSlice } from './report-slice';
import type { ToolsSlice } from './tools-slice';
import type { TrafficSlice } from './traffic-slice';
import type { HostNamesSlice } from './host-names-slice';
import type { TimelineSlice } from './timeline-slice';

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
  /** Bumped once per applied delta or sweep that changed which sockets the table holds, or their fields. */
  readonly version: number;
  /** Which rows each recent `version` touched (not reactive: read it with `version`). */
  readonly journal: TableJournal;
  /** Bumped when `changes` (the rows' marks) changed. */
  readonly marks: number;
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
  /** Id of the view (tab) on screen. */
  readonly activeView: string;
  setActiveView(id: string): void;
  readonly filterText: string;
  readonly toggles: FilterToggles;
  readonly sort: SortOrder;
  setFilterText(text: string): void;
  setToggle(name: keyof FilterToggles, value: boolean): void;
  toggleSort(column: ColumnId): void;
}

/** Text to show later, translated when rendered: an i18n key and its params. */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** An error, or a short status notice, shown as a toast until dismissed or expired. */
export type Toast =
  | { readonly id: number; readonly kind: 'error'; readonly error: AppErrorData }
  | { readonly id: number; readonly kind: 'info'; readonly message: Message }
  /** An alert core raised (loud) or cleared (a quiet note). */
  | { readonly id: number; readonly kind: 'alert'; readonly phase: AlertPhase; readonly alert: Alert };

/** Whether a pushed alert began or ended. */
export type AlertPhase = 'raised' | 'cleared';

export interface ToastSlice {
  readonly toasts: readonly Toast[];
  pushError(error: AppErrorData): void;
  /** A short status note ("node (1234) terminated"), not an error. */
  pushNotice(message: Message): void;
  /** A toast for `alert:raised` / `alert:cleared`. */
  pushAlert(phase: AlertPhase, alert: Alert): void;
  dismissToast(id: number): void;
}

/** The dialog of a process or connection action, at most one at a time. */
export type ActionDialog =
  | { readonly kind: 'kill'; readonly pid: number; readonly name: string | null }
  | { readonly kind: 'details'; readonly pid: number; readonly name: string | null }
  | { readonly kind: 'close'; readonly socket: Socket }
  /** One socket's details: endpoints, every owner, rates and totals (its row's live version while it lasts). */
  | { readonly kind: 'socket'; readonly socket: Socket };

/** `process:details` of the dialog's process, as it loads. */
export type DetailsLoad =
  | { readonly state: 'loading'; readonly pid: number }
  | { readonly state: 'ready'; readonly pid: number; readonly value: ProcessDetails }
  | { readonly state: 'failed'; readonly pid: number; readonly error: AppErrorData };

/** Where a confirmed kill or close stands; failures the dialog explains itself stay here, others become toasts. */
export type ActionOutcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  /** ESRCH: the process already exited, or the connection is already gone. Information, not an error. */
  | { readonly kind: 'gone' }
  /** NEEDS_ELEVATION / EPERM: offer "Retry as administrator". */
  | { readonly kind: 'needsElevation'; readonly error: AppErrorData }
  /** REFUSED, NOT_SUPPORTED, or a failed elevation: the reason, in the dialog. */
  | { readonly kind: 'failed'; readonly error: AppErrorData };

export interface ActionsSlice {
  readonly dialog: ActionDialog | null;
  readonly details: DetailsLoad | null;
  readonly outcome: ActionOutcome;
  openKill(pid: number, name: string | null): void;
  openDetails(pid: number, name: string | null): void;
  openClose(socket: Socket): void;
  openSocketDetails(socket: Socket): void;
  closeDialog(): void;
  /** Sends `process:kill` for the kill dialog's process, guarded by the start time its details gave. */
  kill(force: boolean): Promise<void>;
  /** Sends `socket:close` for the close dialog's connection. */
  closeConnection(): Promise<void>;
  /** Starts the privileged helper, then repeats the action that needed it. */
  retryElevated(): Promise<void>;
  /** Writes text to the clipboard; a refusal becomes a toast. */
  copyText(text: string): Promise<void>;
}

export interface PrivilegeSlice {
  readonly privilege: PrivilegeStatus | null;
  loadPrivilege(): Promise<void>;
  receivePrivilege(status: PrivilegeStatus): void;
  /** Asks for elevation (`collector` also runs the collector through the helper); the error, or null on success. */
  elevate(collector: boolean): Promise<AppErrorData | null>;
  /** "Show all owners (administrator)": runs the collector through the helper; a failure becomes a toast. */
  showAllOwners(): Promise<void>;
}

export interface ChartsSlice {
  readonly statsWindow: StatsWindow;
  readonly series: StatsSeries | null;
  readonly transitions: StatsTransitions | null;
  /** Why the last poll failed, shown in the view rather than as a toast each second. */
  readonly statsError: AppErrorData | null;
  /** Chart series the legend turned off. */
  readonly hiddenSeries: readonly string[];
  setStatsWindow(window: StatsWindow): void;
  toggleSeries(id: string): void;
  /** Asks `stats:series` and `stats:transitions` for the window; skipped while a poll is in flight. */
  loadStats(): Promise<void>;
}

export interface DiagnosisSlice {
  readonly diagnosis: Diagnosis | null;
  readonly diagnosisError: AppErrorData | null;
  readonly diagnosisBusy: boolean;
  /** Whether the diagnosis view refreshes itself while on screen. */
  readonly diagnosisAuto: boolean;
  setDiagnosisAuto(on: boolean): void;
  loadDiagnosis(): Promise<void>;
}

export interface AlertsSlice {
  readonly watches: WatchList | null;
  /** Alerts raised and cleared, newest last (bounded like core's log). */
  readonly alertLog: readonly Alert[];
  loadWatches(): Promise<void>;
  loadAlertLog(): Promise<void>;
  /** Watches a port; the error (translated by the form), or null. */
  addWatch(port: number): Promise<AppErrorData | null>;
  removeWatch(port: number): Promise<void>;
  /** Stores thresholds through settings; false when core refused them (the error becomes a toast). */
  saveThresholds(thresholds: AlertThresholds): Promise<boolean>;
  receiveAlert(phase: AlertPhase, alert: Alert): void;
}

export type AppState = SocketsSlice &
  StatusSlice &
  SettingsSlice &
  ViewSlice &
  ToastSlice &
  ActionsSlice &
  PrivilegeSlice &
  AdaptersSlice &
  ChartsSlice &
  DiagnosisSlice &
  AlertsSlice &
  ToolsSlice &
  ReportSlice &
  TrafficSlice &
  HostNamesSlice &
  TimelineSlice &
  ConnectionsSlice;

/** A slice creator over the whole store, so actions may call other slices' actions. */
export type Slice<T> = StateCreator<AppState, [], [], T>;
