// The HTML report: one self-contained file (inline CSS and SVG, no script, no external request) that also prints.
import { translate } from '../../i18n/translate';
import type { UiLanguage } from '../../i18n/index';
import { formatEndpoint } from '../endpoint';
import { formatAge, formatBytes, formatProto, formatRtt } from '../format';
import { stateBars, stateTimeline } from './html-charts';
import { esc } from './html-escape';
import { REPORT_CSS } from './html-style';
import type { Report, ReportSocket } from './report-types';
import { privilegeNote } from '../owner-note';

type Tr = (key: string, params?: Readonly<Record<string, string | number>>) => string;

function card(label: string, value: string): string {
  return `<div class="card"><div class="v">${value}</div><div class="k">${esc(label)}</div></div>`;
}

function summary(r: Report, tr: Tr): string {
  const s = r.summary;
  const status = `<span class="status ${s.status}">${esc(tr(`diagnosis.severity.${s.status}`))}</span>`;
  const cards = [
    card(tr('report.html.status'), status),
    card(tr('report.html.sockets'), esc(s.sockets)),
    card(tr('report.html.processes'), esc(s.processes)),
    card(tr('report.html.findingsCount'), esc(`${s.findings.critical} / ${s.findings.warning}`)),
  ];
  const lines = [
    tr('report.html.host', {
      host: r.host.hostname,
      os: `${r.host.os.platform} ${r.host.os.release} ${r.host.os.arch}`,
    }),
    tr('report.html.taken', { at: r.snapshot.takenAt }),
    r.window
      ? tr('report.html.window', { name: r.window.name, from: r.window.from, to: r.window.to })
      : tr('report.html.snapshotOnly'),
    r.filter
      ? tr('report.html.filtered', { text: r.filter.text || '—', total: s.totalSockets })
      : tr('report.html.unfiltered'),
    tr(privilegeNote(r.privileges).key, privilegeNote(r.privileges).params),
  ];
  return `<div class="summary">${cards.join('')}</div>${lines.map((l) => `<p class="meta">${esc(l)}</p>`).join('')}`;
}

function charts(r: Report, tr: Tr): string {
  const bars = stateBars(r.stateCounts.snapshot, tr('report.html.stateChart'));
  const line = r.timeline ? stateTimeline(r.timeline, tr('report.html.timelineChart')) : '';
  const box = (title: string, svg: string) => (svg ? `<div class="chart"><h3>${esc(title)}</h3>${svg}</div>` : '');
  return `<div class="charts">${box(tr('report.html.stateChart'), bars)}${box(tr('report.html.timelineChart'), line)}</div>`;
}

function findings(r: Report, tr: Tr): string {
  if (r.findings.length === 0) return `<p>${esc(tr('diagnosis.none'))}</p>`;
  return r.findings
    .map(
      (f) =>
        `<section class="finding ${f.severity}"><h3><span class="status ${f.severity}">${esc(tr(`diagnosis.severity.${f.severity}`))}</span> ${esc(f.title)}</h3>` +
        `<ul>${f.evidence.map((e) => `<li>${esc(e)}</li>`).join('')}</ul><p class="rec">→ ${esc(f.recommendation)}</p></section>`,
    )
    .join('');
}

function table(head: readonly (string | [string, 'n'])[], rows: string): string {
  const th = head.map((h) => (Array.isArray(h) ? `<th class="n">${esc(h[0])}</th>` : `<th>${esc(h)}</th>`)).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${rows}</tbody></table>`;
}

function processes(r: Report, tr: Tr): string {
  const rows = r.topProcesses
    .map((p) => {
      const states = Object.entries(p.states)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      return (
        `<tr><td class="n">${esc(p.pid ?? '—')}</td><td>${esc(p.name ?? tr('report.html.noOwner'))}</td><td>${esc(p.user)}</td>` +
        `<td class="n">${p.sockets}</td><td class="m">${esc(p.listening.join(', '))}</td><td>${esc(states)}</td></tr>`
      );
    })
    .join('');
  return table(
    [
      ['PID', 'n'],
      tr('columns.process'),
      tr('columns.user'),
      [tr('report.html.sockets'), 'n'],
      tr('report.html.listening'),
      tr('columns.state'),
    ],
    rows,
  );
}

function socketRow(s: ReportSocket, now: number): string {
  return (
    `<tr><td>${formatProto(s)}</td><td class="m">${esc(formatEndpoint(s.localAddress, s.localPort))}</td>` +
    `<td class="m">${esc(formatEndpoint(s.remoteAddress, s.remotePort))}</td><td>${s.state}</td>` +
    `<td class="n">${s.pid ?? ''}</td><td>${esc(s.process)}</td><td>${esc(s.user)}</td><td>${esc(s.service)}</td>` +
    `<td class="n">${formatAge(s.stateSince, s.stateSinceExact, now)}</td><td class="n">${formatRtt(s.rttMs)}</td>` +
    `<td class="n">${s.bytesSent === null && s.bytesReceived === null ? '' : `${formatBytes(s.bytesSent ?? 0)} / ${formatBytes(s.bytesReceived ?? 0)}`}</td></tr>`
  );
}

function sockets(r: Report, tr: Tr): string {
  const now = Date.parse(r.snapshot.takenAt);
  const rows: string[] = [];
  for (const s of r.snapshot.sockets) rows.push(socketRow(s, now));
  const c = (k: string) => tr(`columns.${k}`);
  return table(
    [
      c('proto'),
      c('localAddress'),
      c('remoteAddress'),
      c('state'),
      [c('pid'), 'n'],
      c('process'),
      c('user'),
      c('service'),
      [c('age'), 'n'],
      [c('rtt'), 'n'],
      [c('bytes'), 'n'],
    ],
    rows.join(''),
  );
}

function kernel(r: Report, tr: Tr): string {
  const k = r.kernel;
  const range = tr('diagnosis.range', {
    low: k.ephemeralRange.low,
    high: k.ephemeralRange.high,
    source: k.ephemeralRange.source,
  });
  if (!k.readable) return `<p>${esc(range)}</p><p class="muted">${esc(tr('diagnosis.kernelNotReadable'))}</p>`;
  const rows = k.settings
    .map(
      (s) =>
        `<tr><td class="m">${esc(s.name)}</td><td class="m">${esc(s.value ?? '—')}</td><td>${esc(s.explanation)}</td></tr>`,
    )
    .join('');
  return `<p>${esc(range)}</p>${table([tr('report.html.setting'), tr('report.html.value'), tr('report.html.meaning')], rows)}`;
}

function interfaces(r: Report, tr: Tr): string {
  const rows = r.interfaces
    .flatMap((i) =>
      i.addresses.map(
        (a) =>
          `<tr><td>${esc(i.name)}</td><td class="m">${esc(a.cidr ?? a.address)}</td><td class="m">${esc(a.mac)}</td></tr>`,
      ),
    )
    .join('');
  return table([tr('report.html.interface'), tr('report.html.address'), 'MAC'], rows);
}

function transitions(r: Report, tr: Tr): string {
  const t = r.transitions;
  if (!t) return '';
  const flow = t.total.map((x) => `${x.from}→${x.to} ${x.count}`).join(', ') || tr('stats.none');
  const rows = t.byProcess
    .map(
      (g) =>
        `<tr><td>${esc(g.group)}</td><td class="n">${g.total}</td><td>${esc(
          g.transitions
            .slice(0, 6)
            .map((x) => `${x.from}→${x.to} ${x.count}`)
            .join(', '),
        )}</td></tr>`,
    )
    .join('');
  return (
    `<h2>${esc(tr('report.html.transitions'))}</h2><p>${esc(tr('stats.churn', { opened: t.opened, closed: t.closed }))}</p><p class="m">${esc(flow)}</p>` +
    (rows ? table([tr('report.html.group'), [tr('report.html.total'), 'n'], tr('report.html.transitions')], rows) : '')
  );
}

/** Renders the report as one HTML document in `lang`. */
export function renderHtml(r: Report, lang: UiLanguage): string {
  const tr: Tr = (key, params) => translate(lang, key, params);
  const title = tr('report.html.title', { host: r.host.hostname });
  return [
    `<!doctype html><html lang="${esc(lang)}"><head><meta charset="utf-8">`,
    // No script and nothing fetched: the policy makes the file say so, and a browser enforce it.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><style>${REPORT_CSS}</style></head><body>`,
    `<header><h1>${esc(title)}</h1><p class="meta">${esc(tr('report.html.generated', { at: r.generatedAt, version: r.generator.version, schema: r.schema }))}</p></header>`,
    `<main><h2>${esc(tr('report.html.summary'))}</h2>${summary(r, tr)}${charts(r, tr)}`,
    `<h2>${esc(tr('report.html.findings'))}</h2>${findings(r, tr)}`,
    transitions(r, tr),
    `<h2>${esc(tr('report.html.topProcesses'))}</h2>${processes(r, tr)}`,
    `<h2>${esc(tr('report.html.kernel'))}</h2>${kernel(r, tr)}`,
    `<h2>${esc(tr('report.html.interfaces'))}</h2>${interfaces(r, tr)}`,
    `<h2>${esc(tr('report.html.socketTable', { n: r.snapshot.sockets.length }))}</h2>${sockets(r, tr)}</main></body></html>\n`,
  ].join('');
}
