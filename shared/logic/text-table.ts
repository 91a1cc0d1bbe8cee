// Plain aligned text tables (CLI output, text reports) and CSV that spreadsheets open safely.
import { escapeControls } from './terminal-text';

/** Pads columns to their widest cell; the last column is not padded. Control characters are shown escaped. */
export function renderTextTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const head = header.map(escapeControls);
  const body = rows.map((r) => r.map(escapeControls));
  const widths = head.map((h, i) => body.reduce((w, r) => Math.max(w, (r[i] ?? '').length), h.length));
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(head), ...body.map(line)].join('\n');
}

/** Characters a spreadsheet reads as the start of a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Text that is a number (a spreadsheet shows it as that number, never runs it). */
const NUMERIC = /^[+-]?\d+(\.\d+)?(e[+-]?\d+)?$/i;

/** One CSV field: numbers as they are; text escaped, neutralised and quoted where it needs to be. */
export function csvCell(v: string | number | null): string {
  if (v === null) return '';
  if (typeof v === 'number') return String(v);
  // A leading quote makes Excel, LibreOffice and Sheets show the text instead of evaluating it.
  const formula = FORMULA_START.test(v) && !NUMERIC.test(v);
  const t = `${formula ? "'" : ''}${escapeControls(v)}`;
  return formula || /[",]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/**
 * RFC 4180 CSV: fields with commas or quotes are quoted; control characters (line breaks included) are shown
 * escaped, so one socket stays one line; text that would start a formula is prefixed with a quote.
 */
export function renderCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
