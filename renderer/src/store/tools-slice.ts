// The Tools view's state: who-owns-port, bind test and port scan, each calling core and keeping its last answer.
import type { AppErrorData } from '../../../shared/model/errors';
import type { BindTestResult, ScanPortResult, ScanProgress, ScanRequest, WhoResult } from '../../../shared/model/tools';
import { host } from '../api';
import type { Slice } from './types';

/** One tool's request state. */
export type ToolLoad<T> =
  | { readonly state: 'idle' }
  | { readonly state: 'busy' }
  | { readonly state: 'ready'; readonly value: T }
  | { readonly state: 'failed'; readonly error: AppErrorData };

/** A scan's progress and results so far. */
export interface ScanView {
  readonly scanId: string | null;
  readonly address: string;
  readonly running: boolean;
  readonly cancelled: boolean;
  readonly done: number;
  readonly total: number;
  readonly results: readonly ScanPortResult[];
  readonly error: AppErrorData | null;
}

export interface ToolsSlice {
  readonly who: ToolLoad<WhoResult>;
  readonly bind: ToolLoad<BindTestResult>;
  readonly scan: ScanView;
  lookupPort(port: number, proto: 'tcp' | 'udp' | 'any'): Promise<void>;
  testBind(req: { port: number; host: string; proto: 'tcp' | 'udp'; reuseAddr: boolean }): Promise<void>;
  startScan(req: ScanRequest): Promise<void>;
  cancelScan(): Promise<void>;
}

const IDLE_SCAN: ScanView = {
  scanId: null,
  address: '',
  running: false,
  cancelled: false,
  done: 0,
  total: 0,
  results: [],
  error: null,
};

export const createToolsSlice: Slice<ToolsSlice> = (set, get) => {
  let listening = false;
  // Progress that arrives before `tools:scan` answers with its id, applied once it does.
  let early: ScanProgress[] = [];
  const apply = (p: ScanProgress) => {
    const scan = get().scan;
    if (p.scanId !== scan.scanId) {
      if (scan.running && scan.scanId === null) early.push(p);
      return;
    }
    set({
      scan: {
        ...scan,
        done: p.done,
        total: p.total,
        results: p.results.length ? [...scan.results, ...p.results] : scan.results,
        running: !p.finished,
        cancelled: p.cancelled,
      },
    });
  };
  const listen = () => {
    if (listening) return;
    listening = true;
    host.bridge.on('scan:progress', apply);
  };
  return {
    who: { state: 'idle' },
    bind: { state: 'idle' },
    scan: IDLE_SCAN,

    async lookupPort(port, proto) {
      set({ who: { state: 'busy' } });
      const r = await host.bridge.invoke('tools:who', { port, proto });
      set({ who: r.ok ? { state: 'ready', value: r.value } : { state: 'failed', error: r.error } });
    },

    async testBind(req) {
      set({ bind: { state: 'busy' } });
      const r = await host.bridge.invoke('tools:bind-test', req);
      set({ bind: r.ok ? { state: 'ready', value: r.value } : { state: 'failed', error: r.error } });
    },

    async startScan(req) {
      listen();
      early = [];
      set({ scan: { ...IDLE_SCAN, running: true } });
      const r = await host.bridge.invoke('tools:scan', req);
      if (!r.ok) {
        set({ scan: { ...IDLE_SCAN, error: r.error } });
        return;
      }
      // Events may race the answer: keep any already applied to this id.
      set({ scan: { ...get().scan, scanId: r.value.scanId, address: r.value.address, total: r.value.total } });
      const pending = early;
      early = [];
      for (const p of pending) apply(p);
    },

    async cancelScan() {
      const id = get().scan.scanId;
      if (id) await host.bridge.invoke('tools:scan-cancel', { scanId: id });
    },
  };
};
