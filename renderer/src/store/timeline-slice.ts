// Time travel: the recorder's status, the time being viewed (`viewingAt`, null for live) and the table recorded
// then, which the sockets view (and any slice that shows the past) reads instead of the live one.
import type { ProcessInfo, Socket } from '../../../shared/model/socket';
import type { PastSeries, PastTable, RecordingStatus } from '../../../shared/model/timeline';
import { host } from '../api';
import type { AppState, Slice } from './types';

/** Points of the bar's per-state strip: a low resolution, cheap to ask for over a week. */
export const STRIP_POINTS = 160;
/** The strip is asked again once the range grew by this share of its span (or on a new recording). */
const STRIP_GROWTH = 0.02;

/** The table recorded at a time, by key, as the grid reads it. */
export interface PastView {
  /** The time asked (ms since epoch). */
  readonly at: number;
  /** The tick whose table this is (ms since epoch): ages are computed at this time. */
  readonly tickAt: number;
  readonly gap: { readonly from: number; readonly to: number; readonly reason: string } | null;
  readonly host: string;
  readonly table: ReadonlyMap<string, Socket>;
  readonly processes: ReadonlyMap<number, ProcessInfo>;
  /** Not a time the user chose: the newest tick of a followed or opened recording (its "live"). */
  readonly following: boolean;
}

export interface TimelineSlice {
  readonly recording: RecordingStatus | null;
  /**
   * The time being viewed (ms since epoch), or null for live. The sockets view, the diagnosis and the report read
   * it; views of their own past (Processes, Connections log) ask `timeline:at` / `timeline:closed` with it.
   */
  readonly viewingAt: number | null;
  /** The table at `viewingAt` (or a followed recording's newest tick); null while live. */
  readonly past: PastView | null;
  /** Per-state counts over the whole recording, at low resolution. */
  readonly strip: PastSeries | null;
  loadTimeline(): Promise<void>;
  receiveTimelineStatus(status: RecordingStatus): void;
  /** Shows the table recorded at `t`; the latest request wins; outside the range, core's refusal is a toast. */
  viewAt(t: number): Promise<void>;
  /** Moves one tick back or forward from the time viewed (from live, back starts at the newest tick). */
  stepTick(direction: 'previous' | 'next'): Promise<void>;
  backToLive(): void;
  /** Turns recording on or off (the `record` setting). */
  setRecording(on: boolean): Promise<void>;
}

/** The table the grid shows: the past one while viewing the past, else the live one. */
export function shownTable(s: AppState): ReadonlyMap<string, Socket> {
  return s.past?.table ?? s.table;
}

/** When the table shown was taken (ms since epoch): the viewed tick in the past, else the last refresh. */
export function shownTakenAt(s: AppState): number | null {
  return s.past?.tickAt ?? s.status?.lastTakenAt ?? null;
}

/** True when the live view is this host's own table (not a followed or opened recording's). */
export function hasLiveTable(r: RecordingStatus | null): boolean {
  return r === null || r.source === 'recorder' || r.source === 'none';
}

export const createTimelineSlice: Slice<TimelineSlice> = (set, get) => {
  // One timeline:at at a time: while the bar is dragged, only the newest time asked meanwhile is fetched next.
  let inFlight = false;
  let wanted: { at: number; following: boolean } | null = null;
  // Bumped by "back to live" and by another recording: answers asked before it are dropped.
  let generation = 0;
  let stripFor: { from: number; to: number; file: string | null } | null = null;
  let stripBusy = false;

  const apply = (p: PastTable, following: boolean): void => {
    set({
      past: {
        at: p.at,
        tickAt: p.tickAt,
        gap: p.gap,
        host: p.host,
        table: new Map(p.sockets.map((s) => [s.key, s])),
        processes: new Map(p.processes.map((x) => [x.pid, x])),
        following,
      },
      version: get().version + 1,
    });
  };

  /** Fetches the newest time asked for; a refusal (out of range ...) is a toast and the view stays as it was. */
  const pump = async (): Promise<void> => {
    while (wanted && !inFlight) {
      const w = wanted;
      const gen = generation;
      wanted = null;
      inFlight = true;
      const r = await host.bridge.invoke('timeline:at', { at: w.at });
      inFlight = false;
      if (wanted || gen !== generation) continue;
      if (r.ok) {
        apply(r.value, w.following);
      } else {
        get().pushError(r.error);
        const shown = get().past;
        if (!w.following) set({ viewingAt: shown && !shown.following ? shown.at : null });
      }
    }
  };

  const show = (at: number, following: boolean): Promise<void> => {
    wanted = { at, following };
    return pump();
  };

  const loadStrip = async (st: RecordingStatus): Promise<void> => {
    const range = st.range;
    if (!range || stripBusy) return;
    const span = Math.max(1, range.to - range.from);
    const fresh =
      stripFor !== null &&
      stripFor.file === st.file &&
      stripFor.from === range.from &&
      range.to - stripFor.to < span * STRIP_GROWTH;
    if (fresh) return;
    stripBusy = true;
    try {
      const r = await host.bridge.invoke('timeline:stats', {
        since: range.from,
        until: range.to,
        maxPoints: STRIP_POINTS,
      });
      if (r.ok) {
        stripFor = { ...range, file: st.file };
        set({ strip: r.value.series });
      }
    } finally {
      stripBusy = false;
    }
  };

  return {
    recording: null,
    viewingAt: null,
    past: null,
    strip: null,

    async loadTimeline() {
      const r = await host.bridge.invoke('timeline:status', {});
      if (r.ok) get().receiveTimelineStatus(r.value);
    },

    receiveTimelineStatus(status) {
      const before = get().recording;
      set({ recording: status });
      if (before && (before.file !== status.file || before.source !== status.source)) {
        // Another recording was opened (or closed): what was shown of the old one means nothing now.
        stripFor = null;
        generation++;
        wanted = null;
        set({ viewingAt: null, past: null, strip: null, version: get().version + 1 });
      }
      void loadStrip(status);
      // A followed or opened recording has no live table here: its newest tick stands for live.
      const to = status.range?.to;
      if (!hasLiveTable(status) && get().viewingAt === null && to !== undefined && get().past?.tickAt !== to) {
        void show(to, true);
      }
    },

    async viewAt(t) {
      const at = Math.round(t);
      set({ viewingAt: at });
      await show(at, false);
    },

    async stepTick(direction) {
      const range = get().recording?.range;
      if (!range) return;
      const from = get().viewingAt ?? range.to + 1;
      const gen = generation;
      const r = await host.bridge.invoke('timeline:step', { from, direction });
      // "Back to live" (or another recording) came meanwhile: that step is no longer wanted.
      if (gen !== generation) return;
      if (!r.ok) {
        get().pushError(r.error);
        return;
      }
      if (r.value.at !== null) await get().viewAt(r.value.at);
      else if (direction === 'next') get().backToLive();
    },

    backToLive() {
      generation++;
      wanted = null;
      const st = get().recording;
      if (st && !hasLiveTable(st) && st.range) {
        // A followed recording's "live" is its newest tick: the old table stays until that one arrives.
        set({ viewingAt: null });
        void show(st.range.to, true);
        return;
      }
      set({ viewingAt: null, past: null, version: get().version + 1 });
    },

    async setRecording(on) {
      await get().updateSettings({ record: on });
    },
  };
};
