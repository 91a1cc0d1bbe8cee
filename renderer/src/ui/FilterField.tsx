// The filter box of a view: the socket table's token syntax, with a term it does not know named beside the box in
// core's own words (a report with that filter is refused the same way).
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { checkFilter } from '../../../shared/logic/filter-check';

/** Label, input and problem note of one filter text; the caller keeps the text. */
export function FilterField({ text, onChange }: { readonly text: string; readonly onChange: (text: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const problemId = useId();
  const problem = useMemo(() => checkFilter(text), [text]);
  const problemText = problem ? t(problem.key, problem.params) : null;
  return (
    <>
      <label htmlFor={id} className="field-label">
        {t('filter.label')}
      </label>
      <input
        id={id}
        type="search"
        className="filter-input"
        value={text}
        placeholder={t('filter.placeholder')}
        title={t('filter.help')}
        spellCheck={false}
        autoComplete="off"
        aria-invalid={problem !== null}
        aria-describedby={problem ? problemId : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {problemText && (
        <span id={problemId} className="note warn filter-problem" title={problemText}>
          {problemText}
        </span>
      )}
    </>
  );
}
