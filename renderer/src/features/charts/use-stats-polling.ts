// Polls the history at the refresh rate while the charts view is mounted and the page is visible.
import { useEffect } from 'react';
import { DEFAULT_REFRESH_MS } from '../../../../shared/model/settings';
import { useStore } from '../../store/index';

/** Starts polling on mount (the view is mounted only while its tab is active) and stops on unmount. */
export function useStatsPolling(): void {
  const load = useStore((s) => s.loadStats);
  const intervalMs = useStore((s) => s.settings?.refreshIntervalMs ?? DEFAULT_REFRESH_MS);
  useEffect(() => {
    // A hidden window (minimised, background tab) draws nothing: do not ask core for points nobody sees.
    const poll = () => {
      if (document.visibilityState === 'visible') void load();
    };
    poll();
    const timer = setInterval(poll, intervalMs);
    document.addEventListener('visibilitychange', poll);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', poll);
    };
  }, [load, intervalMs]);
}
