// A virtualized grid's rows and its focused row: only visible rows are in the DOM, and focus follows a row's key,
// not its index, so it stays on its row while rows come, go and move around it.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useState, type KeyboardEvent, type RefObject } from 'react';
import { nextRowIndex } from './grid-keys';

/** Row height (px); fixed so the virtualizer never has to measure. */
const ROW_HEIGHT = 22;

interface Options<Row, Key> {
  readonly rows: readonly Row[];
  /** What focus follows. */
  readonly keyOf: (row: Row) => Key;
  readonly scrollRef: RefObject<HTMLDivElement | null>;
  /** Passed on to the virtualizer: item keys other than the index. */
  readonly getItemKey?: (index: number) => number | string;
  /** Passed on to the virtualizer: false renders scroll updates without flushSync. */
  readonly useFlushSync?: boolean;
}

/** The virtualizer, its visible items, the focused row's index (-1: none) and the moves of the focus. */
export function useGridFocus<Row, Key>({ rows, keyOf, scrollRef, getItemKey, useFlushSync }: Options<Row, Key>) {
  const [focusedKey, setFocusedKey] = useState<Key | null>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the virtualizer re-renders us.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey,
    useFlushSync,
  });
  const focusedIndex = focusedKey === null ? -1 : rows.findIndex((r) => keyOf(r) === focusedKey);
  const items = virtualizer.getVirtualItems();
  const focusedVisible = items.some((v) => v.index === focusedIndex);

  const focusRow = (index: number) => {
    setFocusedKey(keyOf(rows[index]));
    virtualizer.scrollToIndex(index, { align: 'auto' });
  };

  /** Moves the focus on the grid's navigation keys (arrows, pages, Home/End); true when it did. */
  const onNavigationKey = (e: KeyboardEvent<HTMLDivElement>): boolean => {
    const next = nextRowIndex(e.key, focusedIndex, rows.length);
    if (next === null) return false;
    e.preventDefault();
    focusRow(Math.max(0, next));
    return true;
  };

  return { virtualizer, items, focusedIndex, focusedVisible, focusRow, onNavigationKey };
}
