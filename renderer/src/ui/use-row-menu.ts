// Opening a grid's row context menu: right-click on a row, or the ContextMenu key / Shift+F10 on the focused row.
import { useCallback, useState, type KeyboardEvent, type MouseEvent, type RefObject } from 'react';
import { contextMenuTarget, isMenuKey } from './grid-keys';

/** The open menu: which row, and where (viewport px). */
export interface RowMenuAt<Row> {
  readonly row: Row;
  readonly x: number;
  readonly y: number;
}

interface Options<Row> {
  readonly rows: readonly Row[];
  readonly focusedIndex: number;
  readonly grid: RefObject<HTMLDivElement | null>;
  /** DOM id of the row at an index (the grid's aria-activedescendant ids). */
  readonly rowId: (index: number) => string;
  /** Makes a row the focused one (right-click focuses what it hits, as in file managers). */
  readonly focusRow: (index: number) => void;
}

/** Menu state plus the grid's handlers for it; closing returns focus to the grid, whose active row is the menu's. */
export function useRowMenu<Row>({ rows, focusedIndex, grid, rowId, focusRow }: Options<Row>) {
  const [menu, setMenu] = useState<RowMenuAt<Row> | null>(null);

  const openForFocused = () => {
    const index = focusedIndex >= 0 ? focusedIndex : 0;
    if (rows.length === 0) return;
    focusRow(index);
    // Below the row's start, as native menus open from the keyboard; the grid's corner when it is scrolled away.
    const box = (document.getElementById(rowId(index)) ?? grid.current)?.getBoundingClientRect();
    setMenu({
      row: rows[index],
      x: (box?.left ?? 0) + 24,
      y: (box?.top ?? 0) + (box ? Math.min(box.height, 22) : 0),
    });
  };

  const onContextMenu = (e: MouseEvent<HTMLDivElement>) => {
    const at = contextMenuTarget(e, grid.current);
    if (at === null) return;
    e.preventDefault();
    if (at === 'grid') return openForFocused();
    if (!rows[at]) return;
    focusRow(at);
    setMenu({ row: rows[at], x: e.clientX, y: e.clientY });
  };

  /** Handles the menu keys; true when it did. */
  const onMenuKey = (e: KeyboardEvent<HTMLDivElement>): boolean => {
    if (!isMenuKey(e)) return false;
    e.preventDefault();
    openForFocused();
    return true;
  };

  const close = useCallback(
    (returnFocus: boolean) => {
      setMenu(null);
      if (returnFocus) grid.current?.focus();
    },
    [grid],
  );

  return { menu, onContextMenu, onMenuKey, close };
}
