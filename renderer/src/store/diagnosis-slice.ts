// Diagnosis findings and the kernel explainer, asked on demand (and on a timer while auto refresh is on).
import { host } from '../api';
import type { DiagnosisSlice, Slice } from './types';

export const createDiagnosisSlice: Slice<DiagnosisSlice> = (set, get) => ({
  diagnosis: null,
  diagnosisError: null,
  diagnosisBusy: false,
  diagnosisAuto: true,

  setDiagnosisAuto(diagnosisAuto) {
    set({ diagnosisAuto });
  },

  async loadDiagnosis() {
    if (get().diagnosisBusy) return;
    set({ diagnosisBusy: true });
    // While the past is shown (timeline slice), the rules run on the table recorded then.
    const at = get().past?.tickAt;
    const r = await host.bridge.invoke('diagnosis:findings', at === undefined ? {} : { at });
    if (r.ok) set({ diagnosis: r.value, diagnosisError: null, diagnosisBusy: false });
    else set({ diagnosisError: r.error, diagnosisBusy: false });
    // The time moved on while this ran: run again for the one on screen now.
    if (get().past?.tickAt !== at) void get().loadDiagnosis();
  },
});
