// A row and a cell of a virtualized ARIA grid: rows are placed by offset (only visible ones exist), so each one says
// its position among all rows and whether it is the grid's focused row.
import { useLayoutEffect, useRef, type HTMLAttributes, type ReactNode } from 'react';

interface RowProps extends HTMLAttributes<HTMLDivElement> {
  /** DOM id, for the grid's aria-activedescendant. */
  readonly id: string;
  /** 0-based index among all rows. */
  readonly index: number;
  /** Offset from the top of the body (px). */
  readonly start: number;
  readonly focused: boolean;
  readonly className: string;
  /**
   * What the row shows (a socket's key), for a grid that recycles its row elements: when it changes, the element
   * takes the new row's colours at once instead of fading to them as a mark does.
   */
  readonly identity?: string;
}

/**
 * `role="row"` with its 1-based row index and selection, moved to `start`; other attributes pass through. Every
 * other row (by index among all rows, not by DOM position) carries `alt`, for the stripe: a `:nth-child` stripe
 * flipped on every row each time the grid scrolled by an odd number of rows, and restyled and repainted them all.
 */
export function GridRow({ id, index, start, focused, className, identity, children, ...rest }: RowProps) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = useRef(identity);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || shown.current === identity) return;
    shown.current = identity;
    // Another row moved into this element: its background is not a mark fading out, so no transition to it.
    el.style.transition = 'none';
    void el.offsetHeight;
    el.style.transition = '';
  }, [identity]);
  return (
    <div
      ref={ref}
      role="row"
      id={id}
      aria-rowindex={index + 1}
      aria-selected={focused}
      className={index % 2 === 1 ? `${className} alt` : className}
      style={{ transform: `translateY(${start}px)` }}
      {...rest}
    >
      {children}
    </div>
  );
}

/** A plain cell; `num` right-aligns numbers. */
export function GridCell(props: { readonly children?: ReactNode; readonly num?: boolean; readonly title?: string }) {
  return (
    <div role="gridcell" className={props.num ? 'cell num' : 'cell'} title={props.title}>
      {props.children}
    </div>
  );
}
