// Asks for traffic once per refresh of core (each new collector:status) while the view is mounted and visible.
import { useEffect } from 'react';
import { useStore } from '../../store/index';

/**
 * Mounted only while the Processes tab is active: polling stops when the user looks elsewhere, and while `enabled`
 * is false (the view shows a recorded moment).
 */
export function useTrafficPolling(enabled: boolean): void {
  const load = useStore((s) => s.loadProcessTraffic);
  const takenAt = useStore((s) => s.status?.lastTakenAt ?? null);
  useEffect(() => {
    // A hidden window (minimised, background tab) draws nothing: ask for nothing either.
    if (enabled && document.visibilityState === 'visible') void load();
  }, [load, takenAt, enabled]);
  useEffect(() => {
    const onVisible = () => {
      if (enabled && document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load, enabled]);
}
