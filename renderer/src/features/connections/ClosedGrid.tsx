// The Connections log as a virtualized grid, newest first: only visible rows are in the DOM, arrow keys move the
// focused row, and each row has a context menu (right-click, the menu key or Shift+F10).
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClosedConnection } from '../../../../shared/model/connections';
import { useGridFocus } from '../../ui/use-grid-focus';
import { useRowMenu } from '../../ui/use-row-menu';
import { ClosedMenu } from './ClosedMenu';
import { ClosedRow, closedRowId } from './ClosedRow';
import { CLOSED_COLUMNS, NUMERIC_CLOSED_COLUMNS } from './columns';

function Header() {
  const { t } = useTranslation();
  return (
    <div role="rowgroup" className="grid-head">
      <div role="row" className="grid-row closed-row">
        {CLOSED_COLUMNS.map((c) => (
          <div key={c} role="columnheader" className={NUMERIC_CLOSED_COLUMNS.has(c) ? 'cell num' : 'cell'}>
            {t(`connections.columns.${c}`)}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Local time of day with milliseconds in the UI language: closes come in bursts. */
function useClock(): (ms: number) => string {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const f = new Intl.DateTimeFormat(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      fractionalSecondDigits: 3,
      hour12: false,
    });
    return (ms: number) => f.format(ms);
  }, [i18n.language]);
}

/** The grid of `rows` (filtered, newest first) with its empty / loading notes. */
export function ClosedGrid(props: {
  readonly rows: readonly ClosedConnection[];
  readonly ready: boolean;
  readonly emptyText: string;
}) {
  const { rows } = props;
  const { t } = useTranslation();
  const clock = useClock();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Focus follows the entry, not the index: new closes arrive on top and push rows down.
  const grid = useGridFocus({ rows, keyOf: (r) => r.id, scrollRef, getItemKey: (i) => rows[i]?.id ?? i });
  const { virtualizer, items, focusedIndex, focusedVisible, focusRow } = grid;
  const rowMenu = useRowMenu({ rows, focusedIndex, grid: scrollRef, rowId: closedRowId, focusRow });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length > 0 && !rowMenu.onMenuKey(e)) grid.onNavigationKey(e);
  };

  return (
    <div className="grid-wrap closed-grid">
      <div
        ref={scrollRef}
        role="grid"
        aria-label={t('connections.gridLabel')}
        aria-rowcount={rows.length}
        aria-busy={!props.ready}
        aria-activedescendant={focusedVisible ? closedRowId(focusedIndex) : undefined}
        aria-readonly="true"
        tabIndex={0}
        className="grid"
        onKeyDown={onKeyDown}
        onContextMenu={rowMenu.onContextMenu}
      >
        <Header />
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const c = rows[v.index];
            return (
              <ClosedRow
                key={c.id}
                entry={c}
                index={v.index}
                start={v.start}
                focused={v.index === focusedIndex}
                clock={clock}
              />
            );
          })}
        </div>
      </div>
      {!props.ready && <p className="grid-note">{t('connections.loading')}</p>}
      {props.ready && rows.length === 0 && <p className="grid-note">{props.emptyText}</p>}
      {rowMenu.menu && (
        <ClosedMenu entry={rowMenu.menu.row} x={rowMenu.menu.x} y={rowMenu.menu.y} onClose={rowMenu.close} />
      )}
    </div>
  );
}
