// One report in any export format: its file content, media type and file name.
import type { UiLanguage } from '../../i18n/index';
import type { ReportFormat } from '../../model/report';
import { renderHtml } from './render-html';
import { renderReportCsv, renderReportText } from './render-text';
import type { Report } from './report-types';
import { jsonText } from '../terminal-text';

const TYPES: Readonly<Record<ReportFormat, { readonly mime: string; readonly ext: string }>> = {
  json: { mime: 'application/json', ext: 'json' },
  html: { mime: 'text/html;charset=utf-8', ext: 'html' },
  csv: { mime: 'text/csv;charset=utf-8', ext: 'csv' },
  text: { mime: 'text/plain;charset=utf-8', ext: 'txt' },
};

/** A rendered report file. */
export interface RenderedReport {
  readonly content: string;
  readonly mimeType: string;
  readonly fileName: string;
}

/** `netinspect-<host>-<UTC time>.<ext>`, safe on every file system. */
export function reportFileName(r: Report, format: ReportFormat): string {
  const host = r.host.hostname.replace(/[^A-Za-z0-9.-]/g, '_').slice(0, 64) || 'host';
  const at = r.generatedAt.replace(/[:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `netinspect-${host}-${at}.${TYPES[format].ext}`;
}

/** Renders `r` as `format`; prose in `lang`. JSON is indented only when small, so 50,000 sockets stay compact. */
export function renderReport(r: Report, format: ReportFormat, lang: UiLanguage): RenderedReport {
  const content =
    format === 'json'
      ? `${jsonText(r, r.snapshot.sockets.length > 2000 ? undefined : 2)}\n`
      : format === 'html'
        ? renderHtml(r, lang)
        : format === 'csv'
          ? renderReportCsv(r)
          : renderReportText(r, lang);
  return { content, mimeType: TYPES[format].mime, fileName: reportFileName(r, format) };
}
