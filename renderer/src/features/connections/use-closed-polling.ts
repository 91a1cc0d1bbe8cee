// Polls the Connections log once per refresh while its view is mounted and the page is visible; while a recorded
// moment is viewed, shows what the recording saw close in the minutes before it instead.
import { useEffect } from 'react';
import { useStore } from '../../store/index';

/** Asks for new closes whenever a refresh happened (each `collector:status` moves lastTakenAt) and on return. */
export function useClosedPolling(): void {
  const load = useStore((s) => s.loadClosed);
  const loadPast = useStore((s) => s.loadPastClosed);
  const leavePast = useStore((s) => s.leavePastClosed);
  // The tick shown: a time the user chose, or a followed recording's newest tick.
  const pastAt = useStore((s) => s.past?.tickAt ?? null);
  const refreshedAt = useStore((s) => s.status?.lastTakenAt ?? null);
  useEffect(() => {
    if (pastAt !== null) void loadPast(pastAt);
    else leavePast();
  }, [pastAt, loadPast, leavePast]);
  useEffect(() => {
    // A hidden window (minimised, background tab) draws nothing: do not ask core for rows nobody sees.
    if (pastAt === null && document.visibilityState === 'visible') void load();
  }, [load, refreshedAt, pastAt]);
  useEffect(() => {
    const onVisible = () => {
      if (document.visibilityState === 'visible') void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load]);
}
