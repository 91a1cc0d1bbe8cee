// Grid keyboard moves stay inside the rows; menu keys are recognised.
import { describe, expect, it } from 'vitest';
import { isMenuKey, nextRowIndex, PAGE_ROWS } from './grid-keys';

describe('grid keys', () => {
  it('moves within 0..count-1 and ignores other keys', () => {
    expect(nextRowIndex('ArrowDown', -1, 5)).toBe(0);
    expect(nextRowIndex('ArrowDown', 4, 5)).toBe(4);
    expect(nextRowIndex('ArrowUp', 0, 5)).toBe(0);
    expect(nextRowIndex('PageDown', 0, 100)).toBe(PAGE_ROWS);
    expect(nextRowIndex('PageUp', 3, 100)).toBe(0);
    expect(nextRowIndex('End', 0, 7)).toBe(6);
    expect(nextRowIndex('Home', 6, 7)).toBe(0);
    expect(nextRowIndex('a', 1, 7)).toBeNull();
  });

  it('opens the menu on the menu key and Shift+F10 only', () => {
    expect(isMenuKey({ key: 'ContextMenu', shiftKey: false })).toBe(true);
    expect(isMenuKey({ key: 'F10', shiftKey: true })).toBe(true);
    expect(isMenuKey({ key: 'F10', shiftKey: false })).toBe(false);
  });
});
