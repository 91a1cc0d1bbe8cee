// User settings (refresh, language, theme) persisted through core, and facts about the host.
import { host } from '../api';
import type { Slice, SettingsSlice } from './types';

export const createSettingsSlice: Slice<SettingsSlice> = (set, get) => ({
  settings: null,
  appInfo: null,

  async loadSettings() {
    const [info, settings] = await Promise.all([
      host.bridge.invoke('app:info', {}),
      host.bridge.invoke('settings:get', {}),
    ]);
    if (info.ok) set({ appInfo: info.value });
    else get().pushError(info.error);
    if (settings.ok) set({ settings: settings.value });
    else get().pushError(settings.error);
  },

  async updateSettings(patch) {
    const before = get().settings;
    // Show the choice at once; core's answer (or the rollback) settles it.
    if (before) set({ settings: { ...before, ...patch } });
    const r = await host.bridge.invoke('settings:set', patch);
    if (r.ok) {
      set({ settings: r.value });
    } else {
      set({ settings: before });
      get().pushError(r.error);
    }
  },

  receiveSettings(settings) {
    set({ settings });
  },
});
