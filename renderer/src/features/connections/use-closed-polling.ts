// Polls the Connections log once per refresh while its view is mounted and the page is visible.
import { useEffect } from 'react';
import { useStore } from '../../store/index';

/** Asks for new closes whenever a refresh happened (each `collector:status` moves lastTakenAt) and on return. */
export function useClosedPolling(): void {
  const load = useStore((s) => s.loadClosed);
  const refreshedAt = useStore((s) => s.status?.lastTakenAt ?? null);
  useEffect(() => {
    // A hidden window (minimised, background tab) draws nothing: do not ask core for rows nobody sees.
    if (document.visibilityState === 'visible') void load();
  }, [load, refreshedAt]);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load]);
}
