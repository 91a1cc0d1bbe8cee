// Refresh now, auto refresh on or off, and when the table the rules read was taken.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { DIAGNOSIS_REFRESH_MS } from './use-diagnosis-refresh';

/** The diagnosis view's toolbar. */
export function DiagnosisToolbar() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const busy = useStore((s) => s.diagnosisBusy);
  const auto = useStore((s) => s.diagnosisAuto);
  const takenAt = useStore((s) => s.diagnosis?.takenAt ?? null);
  const load = useStore((s) => s.loadDiagnosis);
  const setAuto = useStore((s) => s.setDiagnosisAuto);
  const time = takenAt === null ? null : new Date(takenAt).toLocaleTimeString(i18n.language);
  return (
    <div className="toolbar view-toolbar">
      <button type="button" className="button" onClick={() => void load()} disabled={busy}>
        {busy ? t('diagnosisUi.refreshing') : t('diagnosisUi.refresh')}
      </button>
      <span className="toggle">
        <input id={id} type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} />
        <label htmlFor={id}>{t('diagnosisUi.auto', { seconds: DIAGNOSIS_REFRESH_MS / 1000 })}</label>
      </span>
      {time !== null && <span className="analytics-note">{t('diagnosisUi.takenAt', { time })}</span>}
    </div>
  );
}
