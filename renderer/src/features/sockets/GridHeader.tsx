// Header row of the socket grid: one sort button per column, with aria-sort on the column header.
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { COLUMN_IDS, columnHelpKey, columnLabelKey, NUMERIC_COLUMNS, type ColumnId } from './columns';

function HeaderCell({ column }: { readonly column: ColumnId }) {
  const { t } = useTranslation();
  const direction = useStore((s) => (s.sort.column === column ? s.sort.direction : null));
  const toggleSort = useStore((s) => s.toggleSort);
  const label = t(columnLabelKey(column));
  const helpKey = columnHelpKey(column);
  const help = helpKey === null ? undefined : t(helpKey);
  const sortBy = t('grid.sortBy', { column: label });
  return (
    <div
      role="columnheader"
      aria-sort={direction ?? 'none'}
      aria-description={help}
      // The button clips its label: the cell need not (`fits`).
      className={NUMERIC_COLUMNS.has(column) ? 'cell fits num' : 'cell fits'}
    >
      <button type="button" title={help ? `${sortBy}. ${help}` : sortBy} onClick={() => toggleSort(column)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
        </span>
      </button>
    </div>
  );
}

/** The sticky header row; memoized, so scrolling the grid does not render its cells (each cell follows the sort). */
export const GridHeader = memo(function GridHeader() {
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" className="grid-row">
        {COLUMN_IDS.map((c) => (
          <HeaderCell key={c} column={c} />
        ))}
      </div>
    </div>
  );
});
