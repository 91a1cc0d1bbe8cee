// A popup menu with WAI-ARIA menu keyboard behaviour: arrows, Home/End, Enter/Space, Escape and Tab close it.
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';

/** One entry of the menu; `disabledReason` (already translated) makes it inert and says why. */
export interface MenuEntry {
  readonly id: string;
  readonly label: string;
  readonly disabledReason?: string | null;
  /** Draws a separator above this entry. */
  readonly groupStart?: boolean;
  readonly onSelect: () => void;
}

/** Where a menu opens and how it closes: what a row's menu gets from the grid that opens it. */
export interface MenuPlacement {
  /** Where it opens, in viewport px; it shifts to stay inside the window. */
  readonly x: number;
  readonly y: number;
  /** `returnFocus` is false when the user clicked elsewhere, so focus stays where they clicked. */
  readonly onClose: (returnFocus: boolean) => void;
}

interface Props extends MenuPlacement {
  readonly label: string;
  readonly entries: readonly MenuEntry[];
}

/** Margin kept between the menu and the window's edges (px). */
const EDGE = 4;

function step(from: number, delta: number, count: number): number {
  return (from + delta + count) % count;
}

/** The menu, rendered where it was opened and focused on its first available entry. */
export function Menu({ label, entries, x, y, onClose }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: x, top: y });
  const items = () => [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];

  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    setPos({
      left: Math.max(EDGE, Math.min(x, window.innerWidth - r.width - EDGE)),
      top: Math.max(EDGE, Math.min(y, window.innerHeight - r.height - EDGE)),
    });
    const all = [...el.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    (all.find((i) => i.getAttribute('aria-disabled') !== 'true') ?? all[0])?.focus();
  }, [x, y]);

  useEffect(() => {
    // A press anywhere else, or the window losing focus or size, dismisses the menu as native menus do.
    const outside = (e: PointerEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose(false);
    };
    const dismiss = () => onClose(false);
    document.addEventListener('pointerdown', outside, true);
    window.addEventListener('blur', dismiss);
    window.addEventListener('resize', dismiss);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      window.removeEventListener('blur', dismiss);
      window.removeEventListener('resize', dismiss);
    };
  }, [onClose]);

  const activate = (entry: MenuEntry) => {
    if (entry.disabledReason) return;
    onClose(true);
    entry.onSelect();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number | undefined> = {
      ArrowDown: step(at, 1, all.length),
      ArrowUp: step(at < 0 ? 0 : at, -1, all.length),
      Home: 0,
      End: all.length - 1,
    };
    const target = move[e.key];
    if (target !== undefined) {
      e.preventDefault();
      all[target]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose(true);
    } else if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const entry = entries.find((en) => en.id === all[at]?.dataset.entry);
      if (entry) activate(entry);
    }
    // Keys must not reach the grid underneath (it would move its own focus).
    e.stopPropagation();
  };

  return (
    <div
      ref={ref}
      role="menu"
      aria-label={label}
      className="menu"
      style={{ left: pos.left, top: pos.top }}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {entries.map((entry) => [
        entry.groupStart && <div key={`${entry.id}-sep`} role="separator" className="menu-sep" />,
        <div
          key={entry.id}
          role="menuitem"
          tabIndex={-1}
          data-entry={entry.id}
          aria-disabled={entry.disabledReason ? true : undefined}
          aria-description={entry.disabledReason ?? undefined}
          title={entry.disabledReason ?? undefined}
          className="menu-item"
          onClick={() => activate(entry)}
          onPointerMove={(e) => e.currentTarget.focus()}
        >
          <span>{entry.label}</span>
          {entry.disabledReason && (
            <span className="menu-hint" aria-hidden="true">
              {entry.disabledReason}
            </span>
          )}
        </div>,
      ])}
    </div>
  );
}
