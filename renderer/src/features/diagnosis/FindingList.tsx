// Findings grouped by rule, rules in a fixed order, the worst finding of each rule first.
import { useTranslation } from 'react-i18next';
import { RULES, SEVERITIES, type Finding } from '../../../../shared/model/finding';
import { FindingCard } from './FindingCard';

const rank = (f: Finding) => -SEVERITIES.indexOf(f.severity);

/** Every finding, or the "nothing found" note. */
export function FindingList({ findings }: { readonly findings: readonly Finding[] }) {
  const { t } = useTranslation();
  if (findings.length === 0) return <p className="analytics-note">{t('diagnosis.none')}</p>;
  return (
    <>
      {RULES.map((rule) => {
        const list = findings.filter((f) => f.rule === rule).sort((a, b) => rank(a) - rank(b));
        if (list.length === 0) return null;
        const heading = t(`diagnosisUi.rules.${rule}`);
        return (
          <section key={rule} className="rule-group" aria-label={heading}>
            <h3>{heading}</h3>
            {list.map((f) => (
              <FindingCard key={f.id} finding={f} />
            ))}
          </section>
        );
      })}
    </>
  );
}
