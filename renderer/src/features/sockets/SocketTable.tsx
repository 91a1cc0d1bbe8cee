// The live, virtualized socket grid: only visible rows are in the DOM; arrow keys move the focused row, Enter opens
// its connection details; rows have a context menu.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { formatClock } from '../timeline/index';
import { RowMenu } from '../actions/index';
import { GridHeader } from './GridHeader';
import { rowId, SocketRow } from './SocketRow';
import { useRowMenu } from './use-row-menu';
import { nextRowIndex } from '../../ui/grid-keys';
import type { Socket } from '../../../../shared/model/socket';
import type { RowChange } from '../../store/types';

const NO_CHANGES: ReadonlyMap<string, RowChange> = new Map();

/** Row height (px); fixed so the virtualizer never has to measure. */
const ROW_HEIGHT = 22;

/** The grid of `rows` (already filtered and sorted), with its header and empty / loading notes. */
export function SocketTable({ rows }: { readonly rows: readonly Socket[] }) {
  const { t } = useTranslation();
  const ready = useStore((s) => s.ready);
  // The past has no recent changes to highlight: each of its rows is as it was then.
  const changes = useStore((s) => (s.past ? NO_CHANGES : s.changes));
  const pastAt = useStore((s) => (s.past && !s.past.following ? s.past.tickAt : null));
  const openSocketDetails = useStore((s) => s.openSocketDetails);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Focus follows the socket, not the index, so it stays put while rows move around it.
  const [focusedKey, setFocusedKey] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    useFlushSync: false,
  });
  const focusedIndex = focusedKey === null ? -1 : rows.findIndex((r) => r.key === focusedKey);
  const items = virtualizer.getVirtualItems();
  const focusedVisible = items.some((v) => v.index === focusedIndex);
  const focusRow = (index: number) => {
    setFocusedKey(rows[index].key);
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };
  const rowMenu = useRowMenu({ rows, focusedIndex, grid: scrollRef, focusRow });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0 || rowMenu.onMenuKey(e)) return;
    if (e.key === 'Enter' && focusedIndex >= 0) {
      e.preventDefault();
      openSocketDetails(rows[focusedIndex]);
      return;
    }
    const next = nextRowIndex(e.key, focusedIndex < 0 ? -1 : focusedIndex, rows.length);
    if (next === null) return;
    e.preventDefault();
    focusRow(Math.max(0, next));
  };

  return (
    <div className="grid-wrap">
      <div
        ref={scrollRef}
        role="grid"
        aria-label={pastAt === null ? t('grid.label') : t('timelineUi.grid.past', { time: formatClock(pastAt) })}
        aria-rowcount={rows.length}
        aria-busy={!ready}
        aria-activedescendant={focusedVisible ? rowId(focusedIndex) : undefined}
        aria-readonly="true"
        tabIndex={0}
        className={pastAt === null ? 'grid' : 'grid grid-past'}
        onKeyDown={onKeyDown}
        onContextMenu={rowMenu.onContextMenu}
      >
        <GridHeader />
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const s = rows[v.index];
            return (
              <SocketRow
                key={s.key}
                socket={s}
                index={v.index}
                start={v.start}
                focused={v.index === focusedIndex}
                change={changes.get(s.key)?.kind}
                t={t}
              />
            );
          })}
        </div>
      </div>
      {!ready && <p className="grid-note">{t('app.loading')}</p>}
      {ready && rows.length === 0 && <p className="grid-note">{t('app.empty')}</p>}
      {rowMenu.menu && <RowMenu {...rowMenu.menu} onClose={rowMenu.close} />}
    </div>
  );
}
