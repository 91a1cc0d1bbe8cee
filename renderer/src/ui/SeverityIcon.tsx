// Severity as a shape plus its word: the icon is decoration, the text carries the meaning (colour is a third cue).
import { useTranslation } from 'react-i18next';
import type { Severity } from '../../../shared/model/finding';
import './severity.css';

const PATHS: Readonly<Record<Severity, string>> = {
  ok: 'M3 8.5l3 3 7-7',
  warning: 'M8 2l6.5 12h-13zM8 6.5v3.5M8 12v.5',
  critical: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM5.5 5.5l5 5M10.5 5.5l-5 5',
};

/** An SVG mark for a severity (no emoji font needed). */
export function SeverityMark({ severity }: { readonly severity: Severity }) {
  return (
    <svg className={`severity-mark severity-${severity}`} viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path d={PATHS[severity]} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

/** Icon and translated word, e.g. "⚠ Warning". */
export function SeverityBadge({ severity }: { readonly severity: Severity }) {
  const { t } = useTranslation();
  return (
    <span className={`severity severity-${severity}`}>
      <SeverityMark severity={severity} />
      {t(`diagnosis.severity.${severity}`)}
    </span>
  );
}
