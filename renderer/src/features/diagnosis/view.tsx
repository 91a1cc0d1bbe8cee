// The diagnosis view: findings grouped by rule with the reasoning, and the kernel settings explainer.
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import type { ViewDefinition } from '../../ui/view-definition';
import { errorText } from '../../ui/error-text';
import { DiagnosisToolbar } from './DiagnosisToolbar';
import { FindingList } from './FindingList';
import { KernelSettings } from './KernelSettings';
import { useDiagnosisRefresh } from './use-diagnosis-refresh';
import '../../ui/view.css';
import './diagnosis.css';

function DiagnosisBody() {
  const { t } = useTranslation();
  const diagnosis = useStore((s) => s.diagnosis);
  const error = useStore((s) => s.diagnosisError);
  return (
    <div className="analytics-view diagnosis-view">
      {error && <p role="alert">{t('diagnosisUi.error', { message: errorText(t, error) })}</p>}
      {diagnosis === null ? (
        !error && <p className="analytics-note">{t('diagnosisUi.loading')}</p>
      ) : (
        <>
          <section aria-label={t('diagnosisUi.findings')}>
            <h2>{t('diagnosisUi.findings')}</h2>
            <FindingList findings={diagnosis.findings} />
          </section>
          <KernelSettings diagnosis={diagnosis} />
        </>
      )}
    </div>
  );
}

function DiagnosisView() {
  useDiagnosisRefresh();
  return (
    <>
      <DiagnosisToolbar />
      <DiagnosisBody />
    </>
  );
}

/** The diagnosis tab, after the charts. */
export const view: ViewDefinition = {
  id: 'diagnosis',
  order: 20,
  labelKey: 'diagnosisUi.tab',
  Component: DiagnosisView,
};
