// Watched ports, alert thresholds and the alert log; pushed alerts become toasts and log entries.
import { ALERT_LOG_SIZE } from '../../../shared/model/alerts';
import { host } from '../api';
import type { AlertsSlice, Slice } from './types';

export const createAlertsSlice: Slice<AlertsSlice> = (set, get) => ({
  watches: null,
  alertLog: [],

  async loadWatches() {
    const r = await host.bridge.invoke('watch:list', {});
    if (r.ok) set({ watches: r.value });
    else get().pushError(r.error);
  },

  async loadAlertLog() {
    const r = await host.bridge.invoke('alert:log', {});
    if (r.ok) set({ alertLog: r.value.entries });
    else get().pushError(r.error);
  },

  async addWatch(port) {
    const r = await host.bridge.invoke('watch:add', { port });
    if (!r.ok) return r.error;
    set({ watches: r.value });
    return null;
  },

  async removeWatch(port) {
    const r = await host.bridge.invoke('watch:remove', { port });
    if (r.ok) set({ watches: r.value });
    else get().pushError(r.error);
  },

  async saveThresholds(alertThresholds) {
    const r = await host.bridge.invoke('settings:set', { alertThresholds });
    if (!r.ok) {
      get().pushError(r.error);
      return false;
    }
    get().receiveSettings(r.value);
    const watches = get().watches;
    if (watches && r.value.alertThresholds) set({ watches: { ...watches, thresholds: r.value.alertThresholds } });
    get().pushNotice({ key: 'alertUi.saved' });
    return true;
  },

  receiveAlert(phase, alert) {
    const watches = get().watches;
    if (watches) {
      const others = watches.active.filter((a) => a.id !== alert.id);
      // One-shot alerts arrive already cleared: they belong in the log, not among the active ones.
      const active = phase === 'raised' && alert.clearedAt === null ? [...others, alert] : others;
      set({ watches: { ...watches, active } });
    }
    set({ alertLog: [...get().alertLog, alert].slice(-ALERT_LOG_SIZE) });
    get().pushAlert(phase, alert);
  },
});
