// A table of exact values: named for screen readers, its column headers from a list of i18n keys, its rows as the
// caller writes them (row headers, cells with their own hooks and titles differ too much between tables for a list).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** One column header: the i18n key of its text, or that key marked as a column of numbers. */
export type ColumnHead = string | { readonly key: string; readonly num: true };

/** Marks a column of numbers: its header is aligned as its cells are (`num`). */
export function numeric(key: string): ColumnHead {
  return { key, num: true };
}

interface Props {
  /** Accessible name of the table. */
  readonly label: string;
  readonly className: string;
  /** A visible title inside the table, for tables that stand side by side. */
  readonly caption?: string;
  readonly columns: readonly ColumnHead[];
  /** The body's rows. */
  readonly children: ReactNode;
}

/** `<table>` with `aria-label`, optional caption, one header row of `scope="col"` headers, then the rows. */
export function DataTable({ label, className, caption, columns, children }: Props) {
  const { t } = useTranslation();
  return (
    <table className={className} aria-label={label}>
      {caption !== undefined && <caption>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((c) =>
            typeof c === 'string' ? (
              <th key={c} scope="col">
                {t(c)}
              </th>
            ) : (
              <th key={c.key} scope="col" className="num">
                {t(c.key)}
              </th>
            ),
          )}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
