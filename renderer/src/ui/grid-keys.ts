// Keyboard moves of a data grid (arrows, PageUp/PageDown, Home/End) and the keys that open a row's context menu.
import type { KeyboardEvent, MouseEvent } from 'react';

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

/**
 * What a contextmenu event on a grid hit: the 0-based index of its row, `'grid'` for the focused grid itself (the
 * keyboard's menu key fires there), or null for anything else (the header).
 */
export function contextMenuTarget(e: MouseEvent, grid: HTMLElement | null): number | 'grid' | null {
  const target = e.target instanceof Element ? e.target : null;
  const row = target?.closest('[role="row"][aria-rowindex]');
  if (row) return Number(row.getAttribute('aria-rowindex')) - 1;
  return target !== null && target === grid ? 'grid' : null;
}

/** True for the keys that ask for a context menu: the menu key, or Shift+F10. */
export function isMenuKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>): boolean {
  return e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10');
}
