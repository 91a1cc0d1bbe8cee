// The kernel settings explainer: each setting, its current value and what it does (read-only), and the port range.
import { useTranslation } from 'react-i18next';
import type { Diagnosis } from '../../../../shared/model/finding';
import { DataTable } from '../../ui/DataTable';

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
        <DataTable
          className="data-table kernel-table"
          label={t('diagnosis.kernelTitle')}
          columns={['diagnosisUi.setting', 'diagnosisUi.value', 'diagnosisUi.meaning']}
        >
          {diagnosis.kernel.map((k) => (
            <tr key={k.name}>
              <th scope="row" className="mono">
                {k.name}
              </th>
              <td className="mono">{k.value ?? t(k.present ? 'diagnosisUi.unreadable' : 'diagnosisUi.absent')}</td>
              <td>{t(k.explanationKey)}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  );
}
