// Asks for traffic once per refresh of core (each new collector:status) while the view is mounted and visible.
import { useEffect } from 'react';
import { useStore } from '../../store/index';

/** Mounted only while the Processes tab is active: polling stops when the user looks elsewhere. */
export function useTrafficPolling(): void {
  const load = useStore((s) => s.loadProcessTraffic);
  const takenAt = useStore((s) => s.status?.lastTakenAt ?? null);
  useEffect(() => {
    // A hidden window (minimised, background tab) draws nothing: ask for nothing either.
    if (document.visibilityState === 'visible') void load();
  }, [load, takenAt]);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load]);
}
