// Keyboard moves of a data grid (arrows, PageUp/PageDown, Home/End) and the keys that open a row's context menu.
import type { KeyboardEvent } from 'react';

/** Rows moved by PageUp / PageDown. */
export const PAGE_ROWS = 20;

/** The row index `key` moves to from `current` (-1: none focused yet) among `count` rows, or null for other keys. */
export function nextRowIndex(key: string, current: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, current + 1);
    case 'ArrowUp':
      return Math.max(0, current - 1);
    case 'PageDown':
      return Math.min(count - 1, current + PAGE_ROWS);
    case 'PageUp':
      return Math.max(0, current - PAGE_ROWS);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** True for the keys that ask for a context menu: the menu key, or Shift+F10. */
export function isMenuKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
  return e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');
}
