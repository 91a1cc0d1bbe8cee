// One finding: severity (icon and word), title, evidence lines and the recommendation, all from i18n keys.
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../../../shared/model/finding';
import { SeverityBadge } from '../../ui/SeverityIcon';

/** A finding as an article titled by its conclusion. */
export function FindingCard({ finding }: { readonly finding: Finding }) {
  const { t } = useTranslation();
  const title = t(finding.titleKey, finding.titleParams);
  return (
    <article className={`finding severity-border-${finding.severity}`} aria-label={title}>
      <h4>
        <SeverityBadge severity={finding.severity} />
        <span>{title}</span>
      </h4>
      <details open={finding.severity !== 'ok'}>
        <summary>{t('diagnosisUi.evidence')}</summary>
        <ul className="evidence">
          {finding.evidence.map((e, i) => (
            <li key={`${e.key}-${i}`}>{t(e.key, e.params)}</li>
          ))}
        </ul>
        <h5>{t('diagnosisUi.recommendation')}</h5>
        <p className="recommendation">{t(finding.recommendationKey, finding.titleParams)}</p>
      </details>
    </article>
  );
}
