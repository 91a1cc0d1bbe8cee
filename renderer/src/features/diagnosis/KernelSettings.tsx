// The kernel settings explainer: each setting, its current value and what it does (read-only), and the port range.
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../../../shared/model/finding';

/** The explainer table of one diagnosis. */
export function KernelSettings({ diagnosis }: { readonly diagnosis: Diagnosis }) {
  const { t } = useTranslation();
  const r = diagnosis.ephemeralRange;
  return (
    <section aria-label={t('diagnosis.kernelTitle')}>
      <h3>{t('diagnosis.kernelTitle')}</h3>
      <p className="analytics-note">{t('diagnosis.range', { low: r.low, high: r.high, source: r.source })}</p>
      {!diagnosis.kernelReadable && <p className="analytics-note">{t('diagnosis.kernelNotReadable')}</p>}
      {diagnosis.kernel.length > 0 && (
        <table className="data-table kernel-table" aria-label={t('diagnosis.kernelTitle')}>
          <thead>
            <tr>
              <th scope="col">{t('diagnosisUi.setting')}</th>
              <th scope="col">{t('diagnosisUi.value')}</th>
              <th scope="col">{t('diagnosisUi.meaning')}</th>
            </tr>
          </thead>
          <tbody>
            {diagnosis.kernel.map((k) => (
              <tr key={k.name}>
                <th scope="row" className="mono">
                  {k.name}
                </th>
                <td className="mono">{k.value ?? t(k.present ? 'diagnosisUi.unreadable' : 'diagnosisUi.absent')}</td>
                <td>{t(k.explanationKey)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
