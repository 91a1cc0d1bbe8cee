// The Connections log as a virtualized grid, newest first: only visible rows are in the DOM, arrow keys move the
// focused row, and each row has a context menu (right-click, the menu key or Shift+F10).
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClosedConnection } from '../../../../shared/model/connections';
import { contextMenuTarget, isMenuKey, nextRowIndex } from '../../ui/grid-keys';
import { ClosedMenu } from './ClosedMenu';
import { ClosedRow, closedRowId } from './ClosedRow';
import { CLOSED_COLUMNS, NUMERIC_CLOSED_COLUMNS } from './columns';

/** Row height (px); fixed so the virtualizer never has to measure. */
const ROW_HEIGHT = 22;

interface MenuAt {
  readonly entry: ClosedConnection;
  readonly x: number;
  readonly y: number;
}

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
  const [focusedId, setFocusedId] = useState<number | null>(null);
  const [menu, setMenu] = useState<MenuAt | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  const focusedIndex = focusedId === null ? -1 : rows.findIndex((r) => r.id === focusedId);
  const items = virtualizer.getVirtualItems();
  const focusedVisible = items.some((v) => v.index === focusedIndex);

  const focusRow = (index: number) => {
    setFocusedId(rows[index].id);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  const openForFocused = () => {
    if (rows.length === 0) return;
    const index = focusedIndex >= 0 ? focusedIndex : 0;
    focusRow(index);
    const box = (document.getElementById(closedRowId(index)) ?? scrollRef.current)?.getBoundingClientRect();
    setMenu({ entry: rows[index], x: (box?.left ?? 0) + 24, y: (box?.top ?? 0) + Math.min(box?.height ?? 0, 22) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0) return;
    if (isMenuKey(e)) {
      e.preventDefault();
      openForFocused();
      return;
    }
    const next = nextRowIndex(e.key, focusedIndex, rows.length);
    if (next === null) return;
    e.preventDefault();
    focusRow(Math.max(0, next));
  };

  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const at = contextMenuTarget(e, scrollRef.current);
    if (at === null) return;
    e.preventDefault();
    if (at === 'grid') return openForFocused();
    if (!rows[at]) return;
    focusRow(at);
    setMenu({ entry: rows[at], x: e.clientX, y: e.clientY });
  };

  const closeMenu = useCallback((returnFocus: boolean) => {
    setMenu(null);
    if (returnFocus) scrollRef.current?.focus();
  }, []);

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
        onContextMenu={onContextMenu}
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
      {menu && <ClosedMenu entry={menu.entry} x={menu.x} y={menu.y} onClose={closeMenu} />}
    </div>
  );
}
