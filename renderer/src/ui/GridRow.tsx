// A row and a cell of a virtualized ARIA grid: rows are placed by offset (only visible ones exist), so each one says
// its position among all rows and whether it is the grid's focused row.
import { useState, type HTMLAttributes, type ReactNode } from 'react';

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
   * What the row shows (a socket's key), for a grid that recycles its row elements: only the row whose mark ended
   * fades to its colours; a row that moves into an element takes them at once.
   */
  readonly identity?: string;
  /** Whether the row carries a change mark (its colour comes at once and fades out when the mark ends). */
  readonly marked?: boolean;
}

/** What the element showed at its last render. */
interface Shown {
  readonly identity: string | undefined;
  readonly marked: boolean;
  readonly fading: boolean;
}

/**
 * `role="row"` with its 1-based row index and selection, moved to `start`; other attributes pass through. Every
 * other row (by index among all rows, not by DOM position) carries `alt`, for the stripe: a `:nth-child` stripe
 * flipped on every row each time the grid scrolled by an odd number of rows, and restyled and repainted them all.
 *
 * A row whose mark ended carries `fading` (the only state with a background transition) for as long as its
 * element shows it unmarked. It is decided while rendering, from what the element showed before, so no style is
 * forced: resetting the transition of each recycled element by hand forced a layout per row, 1.2-1.7 ms a frame
 * while scrolling.
 */
export function GridRow({
  id,
  index,
  start,
  focused,
  className,
  identity,
  marked = false,
  children,
  ...rest
}: RowProps) {
  // What this element showed before, kept as React keeps information from previous renders (no ref read while
  // rendering): a change re-renders this row once more before it commits, its cells untouched.
  const [shown, setShown] = useState<Shown>({ identity, marked, fading: false });
  let fading = shown.fading;
  if (shown.identity !== identity || shown.marked !== marked) {
    fading = !marked && identity === shown.identity && (shown.marked || shown.fading);
    setShown({ identity, marked, fading });
  }
  const classes = [className, index % 2 === 1 ? 'alt' : '', fading ? 'fading' : ''].filter(Boolean).join(' ');
  return (
    <div
      role="row"
      id={id}
      aria-rowindex={index + 1}
      aria-selected={focused}
      className={classes}
      style={{ transform: `translateY(${start}px)` }}
      {...rest}
    >
      {children}
    </div>
  );
}

/**
 * Whether `text` is at most `fit` characters of a monospace font wide. A character outside ASCII counts two: a CJK
 * or emoji glyph is up to twice a Latin one, and a symbol the font lacks comes from a proportional font, wider too.
 */
function fitsIn(text: string, fit: number): boolean {
  if (text.length > fit) return false;
  let width = 0;
  for (let i = 0; i < text.length; i++) width += text.charCodeAt(i) < 0x80 ? 1 : 2;
  return width <= fit;
}

/**
 * A cell's classes. Text wider than `fit` characters (the most its column always shows whole) is clipped, with an
 * ellipsis (`.cell`); narrower text is not (`fits`). Each clip is a paint chunk and clip node of its own: clipping
 * all 15 cells of each row made the socket grid's paint, pre-paint and layerizing 8 ms a frame while it scrolled,
 * and about 4 ms without. Without `fit` the cell always clips.
 */
export function cellClass(text: string, fit: number | undefined, extra = ''): string {
  const base = fit !== undefined && fitsIn(text, fit) ? 'cell fits' : 'cell';
  return extra === '' ? base : `${base} ${extra}`;
}

/** A plain cell; `num` right-aligns numbers, `fit` as in `cellClass` (for a cell whose child is its text). */
export function GridCell(props: {
  readonly children?: ReactNode;
  readonly num?: boolean;
  readonly title?: string;
  readonly fit?: number;
}) {
  const { children } = props;
  const text = typeof children === 'string' ? children : children === undefined ? '' : null;
  const fit = text === null ? undefined : props.fit;
  return (
    <div role="gridcell" className={cellClass(text ?? '', fit, props.num ? 'num' : '')} title={props.title}>
      {children}
    </div>
  );
}
