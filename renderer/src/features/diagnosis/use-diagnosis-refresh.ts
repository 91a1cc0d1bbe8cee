// Runs the diagnosis on mount and, while auto refresh is on and the page is visible, every few seconds.
import { useEffect } from 'react';
import { useStore } from '../../store/index';

/** Auto refresh period (ms): the rules read the whole table, so not every tick on a busy host. */
export const DIAGNOSIS_REFRESH_MS = 5000;

/** Keeps the diagnosis fresh while the view is mounted. */
export function useDiagnosisRefresh(): void {
  const load = useStore((s) => s.loadDiagnosis);
  const auto = useStore((s) => s.diagnosisAuto);
  // A new time viewed on the timeline is a new table to diagnose; a recorded one does not change by itself.
  const pastAt = useStore((s) => s.past?.tickAt ?? null);
  useEffect(() => {
    void load();
    if (!auto || pastAt !== null) return;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, DIAGNOSIS_REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, auto, pastAt]);
}
