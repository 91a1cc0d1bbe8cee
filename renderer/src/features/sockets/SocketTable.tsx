// The live, virtualized socket grid: only visible rows are in the DOM; arrow keys move the focused row, Enter opens
// its connection details; rows have a context menu.
import { useRef, type CSSProperties, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/index';
import { formatClock } from '../timeline/index';
import { RowMenu } from '../actions/index';
import { GRID_TEMPLATE } from './columns';
import { GridHeader } from './GridHeader';
import { rowId, SocketRow } from './SocketRow';
import { useGridFocus } from '../../ui/use-grid-focus';
import { useRowMenu } from '../../ui/use-row-menu';
import type { Socket } from '../../../../shared/model/socket';
import type { RowChange } from '../../store/types';

const NO_CHANGES: ReadonlyMap<string, RowChange> = new Map();
/** The columns, for header and rows (`.grid-row`). */
const GRID_STYLE = { '--socket-columns': GRID_TEMPLATE } as CSSProperties;

/** The grid of `rows` (already filtered and sorted), with its header and empty / loading notes. */
export function SocketTable({ rows }: { readonly rows: readonly Socket[] }) {
  const { t } = useTranslation();
  const ready = useStore((s) => s.ready);
  // The past has no recent changes to highlight: each of its rows is as it was then.
  const changes = useStore((s) => (s.past ? NO_CHANGES : s.changes));
  // `changes` is updated in place: this re-renders the rows whose marks came or faded.
  useStore((s) => s.marks);
  const pastAt = useStore((s) => (s.past && !s.past.following ? s.past.tickAt : null));
  const openSocketDetails = useStore((s) => s.openSocketDetails);
  const scrollRef = useRef<HTMLDivElement>(null);
  // Focus follows the socket, not the index, so it stays put while rows move around it.
  const grid = useGridFocus({ rows, keyOf: (r) => r.key, scrollRef, useFlushSync: false });
  const { virtualizer, items, focusedIndex, focusedVisible, focusRow } = grid;
  const rowMenu = useRowMenu({ rows, focusedIndex, grid: scrollRef, rowId, focusRow });
  // Rows are recycled while the grid scrolls: each slot keeps its element and only its content changes (at 240 px a
  // frame, mounting the 11 rows that entered and removing 11 cost a quarter of the frame). So the DOM order is the
  // slots', not the rows': each row is placed by offset and says its position (aria-rowindex), as grids that recycle
  // rows do. An even number of slots keeps each slot on one stripe.
  const slots = items.length + (items.length % 2);
  const bySlot = [...items].sort((a, b) => (a.index % slots) - (b.index % slots));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rows.length === 0 || rowMenu.onMenuKey(e)) return;
    if (e.key === 'Enter' && focusedIndex >= 0) {
      e.preventDefault();
      openSocketDetails(rows[focusedIndex]);
      return;
    }
    grid.onNavigationKey(e);
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
        style={GRID_STYLE}
        onKeyDown={onKeyDown}
        onContextMenu={rowMenu.onContextMenu}
      >
        <GridHeader />
        <div role="rowgroup" className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
          {bySlot.map((v) => {
            const s = rows[v.index];
            return (
              <SocketRow
                key={v.index % slots}
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
      {rowMenu.menu && (
        <RowMenu socket={rowMenu.menu.row} x={rowMenu.menu.x} y={rowMenu.menu.y} onClose={rowMenu.close} />
      )}
    </div>
  );
}
