// The plain-text report (what `netinspect report --format text` prints) and the CSV of the socket table.
import { SOCKET_TABLE_FIELDS } from '../socket-fields';
import { renderSocketTextTable } from '../socket-text';
import type { UiLanguage } from '../../i18n/index';
import { translate } from '../../i18n/translate';
import { renderCsv, renderTextTable } from '../text-table';
import { escapeTerminalText } from '../terminal-text';
import { privilegeNote } from '../owner-note';
import type { Report } from './report-types';

/** Columns of the CSV export, in order; the names are the JSON report's socket fields. */
export const CSV_COLUMNS = [
  ...SOCKET_TABLE_FIELDS,
  'service',
  'stateSince',
  'stateSinceSource',
  'stateSinceExact',
  'recvQueue',
  'sendQueue',
  'rttMs',
  'retransmits',
  'bytesSent',
  'bytesReceived',
] as const;

/** The socket table as RFC 4180 CSV, with stateSince as ISO 8601. */
export function renderReportCsv(r: Report): string {
  return renderCsv(
    CSV_COLUMNS,
    r.snapshot.sockets.map((s) =>
      CSV_COLUMNS.map((k) =>
        k === 'stateSince'
          ? s.stateSince === null
            ? null
            : new Date(s.stateSince).toISOString()
          : k === 'stateSinceExact'
            ? String(s.stateSinceExact)
            : s[k],
      ),
    ),
  );
}

/**
 * The report as aligned text in `lang`: summary, state counts, findings, processes, kernel, sockets. Control
 * characters (a process named with terminal escapes) are shown escaped, as in every text the CLI prints.
 */
export function renderReportText(r: Report, lang: UiLanguage): string {
  const tr = (key: string, params?: Readonly<Record<string, string | number>>) => translate(lang, key, params);
  const out: string[] = [
    tr('report.html.title', { host: r.host.hostname }),
    tr('report.html.generated', { at: r.generatedAt, version: r.generator.version, schema: r.schema }),
    tr('report.html.host', {
      host: r.host.hostname,
      os: `${r.host.os.platform} ${r.host.os.release} ${r.host.os.arch}`,
    }),
    r.window
      ? tr('report.html.window', { name: r.window.name, from: r.window.from, to: r.window.to })
      : tr('report.html.snapshotOnly'),
    r.filter
      ? tr('report.html.filtered', { text: r.filter.text || '-', total: r.summary.totalSockets })
      : tr('report.html.unfiltered'),
    tr(privilegeNote(r.privileges).key, privilegeNote(r.privileges).params),
    `${tr('report.html.status')}: ${tr(`diagnosis.severity.${r.summary.status}`).toUpperCase()}  ` +
      `${tr('report.html.sockets')}: ${r.summary.sockets}  ${tr('report.html.processes')}: ${r.summary.processes}`,
    '',
    renderTextTable(
      ['Proto', tr('columns.state'), tr('report.html.count')],
      r.stateCounts.snapshot.map((c) => [c.proto, c.state, String(c.count)]),
    ),
  ];
  if (r.stateCounts.window.length) {
    out.push('', `${tr('report.html.windowCounts')}:`);
    out.push(
      renderTextTable(
        ['Series', tr('stats.now'), tr('stats.mean'), 'min', tr('stats.peak')],
        r.stateCounts.window.map((c) => [c.series, String(c.last), String(c.mean), String(c.min), String(c.max)]),
      ),
    );
  }
  if (r.transitions) {
    out.push('', tr('stats.churn', { opened: r.transitions.opened, closed: r.transitions.closed }));
    const flow = r.transitions.total.map((t) => `${t.from}→${t.to} ${t.count}`).join(', ');
    out.push(`${tr('stats.transitions')}: ${flow || tr('stats.none')}`);
  }
  out.push('', `${tr('report.html.findings')}:`);
  if (r.findings.length === 0) out.push(tr('diagnosis.none'));
  for (const f of r.findings) {
    out.push(`[${tr(`diagnosis.severity.${f.severity}`).toUpperCase()}] ${f.title}`);
    for (const e of f.evidence) out.push(`    - ${e}`);
    out.push(`    → ${f.recommendation}`);
  }
  out.push('', `${tr('report.html.topProcesses')}:`);
  out.push(
    renderTextTable(
      ['PID', tr('columns.process'), tr('report.html.sockets'), tr('report.html.listening')],
      r.topProcesses.map((p) => [
        p.pid === null ? '-' : String(p.pid),
        p.name ?? '?',
        String(p.sockets),
        p.listening.join(','),
      ]),
    ),
  );
  const k = r.kernel;
  out.push(
    '',
    tr('diagnosis.range', { low: k.ephemeralRange.low, high: k.ephemeralRange.high, source: k.ephemeralRange.source }),
  );
  for (const s of k.settings) out.push(`  ${s.name} = ${s.value ?? '-'}`);
  out.push('', `${tr('report.html.socketTable', { n: r.snapshot.sockets.length })}:`);
  out.push(renderSocketTextTable(r.snapshot.sockets));
  return `${escapeTerminalText(out.join('\n'))}\n`;
}
