// The Connections log's filter box: the table's syntax, its own text, an unknown term named beside the box.
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { checkFilter } from '../../../../shared/logic/filter-check';
import { useStore } from '../../store/index';

/** The filter input above the log. */
export function ClosedFilterBar() {
  const { t } = useTranslation();
  const id = useId();
  const problemId = useId();
  const text = useStore((s) => s.closedFilter);
  const setText = useStore((s) => s.setClosedFilter);
  const problem = useMemo(() => checkFilter(text), [text]);
  const problemText = problem ? t(problem.key, problem.params) : null;
  return (
    <div className="filter-bar">
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
        onChange={(e) => setText(e.target.value)}
      />
      {problemText && (
        <span id={problemId} className="note warn filter-problem" title={problemText}>
          {problemText}
        </span>
      )}
    </div>
  );
}
