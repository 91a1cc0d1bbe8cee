// Interfaces and virtual adapters: the polled list with rate history, and create / remove with elevation retry.
import { adapterRates, appendRateHistory, type Rate } from '../../../shared/logic/adapter-rates';
import type { Adapter, AdapterList, CreateAdapterRequest } from '../../../shared/model/adapters';
import type { AppErrorData } from '../../../shared/model/errors';
import { host } from '../api';
import type { Slice } from './types';

/** Points kept per interface for its sparkline (one per poll). */
export const RATE_POINTS = 60;

/** Where a create or remove stands. */
export type AdapterOutcome =
  | { readonly kind: 'idle' }
  | { readonly kind: 'busy' }
  | { readonly kind: 'needsElevation'; readonly error: AppErrorData }
  | { readonly kind: 'failed'; readonly error: AppErrorData }
  | { readonly kind: 'created'; readonly adapter: Adapter }
  | { readonly kind: 'removed'; readonly name: string };

export interface AdaptersSlice {
  readonly adapterList: AdapterList | null;
  readonly adapterListError: AppErrorData | null;
  /** Receive/send rates per interface (bytes/s), oldest first. */
  readonly rateHistory: ReadonlyMap<string, readonly Rate[]>;
  readonly adapterOutcome: AdapterOutcome;
  loadAdapters(): Promise<void>;
  createAdapter(request: CreateAdapterRequest): Promise<void>;
  removeAdapter(name: string): Promise<void>;
  /** Elevates, then repeats the create or remove that needed it. */
  retryAdapterElevated(): Promise<void>;
  resetAdapterOutcome(): void;
}

export const createAdaptersSlice: Slice<AdaptersSlice> = (set, get) => {
  let retry: (() => Promise<void>) | null = null;

  const fail = (error: AppErrorData) => {
    const elevate = error.code === 'NEEDS_ELEVATION' || error.code === 'EPERM';
    set({ adapterOutcome: elevate ? { kind: 'needsElevation', error } : { kind: 'failed', error } });
  };

  const createAdapter = async (request: CreateAdapterRequest) => {
    retry = () => createAdapter(request);
    set({ adapterOutcome: { kind: 'busy' } });
    const r = await host.bridge.invoke('adapter:create', request);
    if (!r.ok) return fail(r.error);
    set({ adapterOutcome: { kind: 'created', adapter: r.value.adapter } });
    get().pushNotice({ key: 'adapters.wizard.created', params: { name: r.value.adapter.name } });
    await get().loadAdapters();
  };

  const removeAdapter = async (name: string) => {
    retry = () => removeAdapter(name);
    set({ adapterOutcome: { kind: 'busy' } });
    const r = await host.bridge.invoke('adapter:remove', { name });
    if (!r.ok) return fail(r.error);
    set({ adapterOutcome: { kind: 'removed', name } });
    get().pushNotice({ key: 'adapters.removed', params: { name } });
    await get().loadAdapters();
  };

  return {
    adapterList: null,
    adapterListError: null,
    rateHistory: new Map(),
    adapterOutcome: { kind: 'idle' },

    async loadAdapters() {
      const r = await host.bridge.invoke('adapter:list', {});
      if (!r.ok) {
        set({ adapterListError: r.error });
        return;
      }
      const rates = adapterRates(get().adapterList, r.value);
      set({
        adapterList: r.value,
        adapterListError: null,
        rateHistory: appendRateHistory(get().rateHistory, rates, RATE_POINTS),
      });
    },

    createAdapter,
    removeAdapter,

    async retryAdapterElevated() {
      const again = retry;
      if (!again) return;
      set({ adapterOutcome: { kind: 'busy' } });
      const error = await get().elevate(false);
      if (error) set({ adapterOutcome: { kind: 'failed', error } });
      else await again();
    },

    resetAdapterOutcome() {
      retry = null;
      set({ adapterOutcome: { kind: 'idle' } });
    },
  };
};
