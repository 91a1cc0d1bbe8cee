// History for the charts view: the series and transition totals of the chosen window, polled while it is on screen.
import { host } from '../api';
import type { ChartsSlice, Slice } from './types';

/** Points asked per series: enough for a wide chart, bounded so a 24 h window stays cheap to draw. */
export const CHART_POINTS = 300;

export const createChartsSlice: Slice<ChartsSlice> = (set, get) => {
  // One poll at a time: a slow answer must not pile requests up behind the timer.
  let inFlight = false;
  return {
    statsWindow: '10m',
    series: null,
    transitions: null,
    statsError: null,
    hiddenSeries: [],

    setStatsWindow(statsWindow) {
      set({ statsWindow, series: null, transitions: null });
      void get().loadStats();
    },

    toggleSeries(id) {
      const hidden = get().hiddenSeries;
      set({ hiddenSeries: hidden.includes(id) ? hidden.filter((h) => h !== id) : [...hidden, id] });
    },

    async loadStats() {
      if (inFlight) return;
      inFlight = true;
      const window = get().statsWindow;
      try {
        const [series, transitions] = await Promise.all([
          host.bridge.invoke('stats:series', { window, maxPoints: CHART_POINTS }),
          host.bridge.invoke('stats:transitions', { window }),
        ]);
        // The user picked another window meanwhile: this answer is for the old one.
        if (get().statsWindow !== window) return;
        if (!series.ok) set({ statsError: series.error });
        else if (!transitions.ok) set({ statsError: transitions.error });
        else set({ series: series.value, transitions: transitions.value, statsError: null });
      } finally {
        inFlight = false;
      }
    },
  };
};
