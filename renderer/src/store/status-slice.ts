// Collector health and connection state, and the pause / resume action.
import { host } from '../api';
import type { Slice, StatusSlice } from './types';

export const createStatusSlice: Slice<StatusSlice> = (set, get) => ({
  status: null,
  connection: host.kind === 'electron' ? 'open' : 'connecting',

  setConnection(connection) {
    set({ connection });
  },

  setStatus(status) {
    set({ status });
  },

  async loadStatus() {
    const r = await host.bridge.invoke('collector:status', {});
    if (r.ok) set({ status: r.value });
    else get().pushError(r.error);
  },

  async setPaused(paused) {
    const r = await host.bridge.invoke('collector:set-paused', { paused });
    if (r.ok) set({ status: r.value });
    else get().pushError(r.error);
  },
});
