// Text forms of stats, diagnosis and alerts for the terminal, in the user's language.
import type { UiLanguage } from '../../shared/i18n/index';
import { translate } from '../../shared/i18n/translate';
import type { Alert } from '../../shared/model/alerts';
import type { Diagnosis } from '../../shared/model/finding';
import type { StatsSeries, StatsTransitions, TransitionGroup } from '../../shared/model/history';
import { renderTextTable } from '../../shared/logic/text-table';
import { escapeControls, escapeTerminalText } from '../../shared/logic/terminal-text';

const flow = (g: { transitions: readonly { from: string; to: string; count: number }[] }, n = 4): string =>
  g.transitions
    .slice(0, n)
    .map((t) => `${t.from}→${t.to} ${t.count}`)
    .join(', ');

function groupTable(groups: readonly TransitionGroup[]): string {
  return renderTextTable(
    ['Group', 'Total', 'Transitions'],
    groups.slice(0, 6).map((g) => [g.group, String(g.total), flow(g)]),
  );
}

/** `netinspect stats` as text: counts now, mean and peak over the window, churn, transitions. */
export function renderStats(
  lang: UiLanguage,
  s: Omit<StatsSeries, 'window'> & { readonly window: string },
  t: Omit<StatsTransitions, 'window'>,
): string {
  const tr = (key: string, params?: Record<string, string | number>) => translate(lang, `stats.${key}`, params);
  const last = s.points.at(-1);
  const rows = s.series
    .map((id, i) => {
      const values = s.points.map((p) => p.counts[i] ?? 0);
      const mean = values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
      return [
        id,
        String(last?.counts[i] ?? 0),
        (Math.round(mean * 10) / 10).toString(),
        String(Math.max(0, ...values)),
      ];
    })
    .filter((r) => r[3] !== '0');
  const out = [
    tr('title', { window: s.window, points: s.points.length, seconds: s.resolutionMs / 1000 }),
    renderTextTable(['Series', tr('now'), tr('mean'), tr('peak')], rows),
    '',
    tr('churn', { opened: t.opened, closed: t.closed }),
    `${tr('transitions')}: ${t.total.length ? flow({ transitions: t.total }, 12) : tr('none')}`,
  ];
  if (t.byProcess.length) out.push('', `${tr('byProcess')}:`, groupTable(t.byProcess));
  if (t.byRemote.length) out.push('', `${tr('byRemote')}:`, groupTable(t.byRemote));
  out.push('', tr('observed', { ms: s.tickIntervalMs }));
  return escapeTerminalText(out.join('\n'));
}

/** `netinspect diagnose` as text: findings worst first with evidence and the mechanism, then kernel settings. */
export function renderDiagnosis(lang: UiLanguage, d: Diagnosis): string {
  const out: string[] = [];
  if (d.findings.length === 0) out.push(translate(lang, 'diagnosis.none'));
  for (const f of d.findings) {
    const sev = translate(lang, `diagnosis.severity.${f.severity}`).toUpperCase();
    out.push(`[${sev}] ${translate(lang, f.titleKey, f.titleParams)}`);
    for (const e of f.evidence) out.push(`    - ${translate(lang, e.key, e.params)}`);
    out.push(`    → ${translate(lang, f.recommendationKey, f.titleParams)}`, '');
  }
  const r = d.ephemeralRange;
  out.push(translate(lang, 'diagnosis.range', { low: r.low, high: r.high, source: r.source }), '');
  if (!d.kernelReadable) out.push(translate(lang, 'diagnosis.kernelNotReadable'));
  else {
    out.push(`${translate(lang, 'diagnosis.kernelTitle')}:`);
    for (const k of d.kernel) out.push(`  ${k.name} = ${k.value ?? '-'}`, `    ${translate(lang, k.explanationKey)}`);
  }
  // Evidence names processes: every line is shown with its control characters escaped.
  return out.map(escapeControls).join('\n');
}

/** One alert event as a line: time, tag, severity, message. */
export function renderAlert(lang: UiLanguage, event: 'alert:raised' | 'alert:cleared', a: Alert): string {
  const at = new Date(event === 'alert:raised' ? a.raisedAt : (a.clearedAt ?? a.raisedAt)).toISOString();
  if (event === 'alert:raised') {
    return escapeControls(
      `${at} ${translate(lang, 'alerts.raised')} [${a.severity}] ${translate(lang, a.messageKey, a.params)}`,
    );
  }
  const why = a.clearKey ? ` ${translate(lang, a.clearKey, a.clearParams ?? {})}` : '';
  return escapeControls(
    `${at} ${translate(lang, 'alerts.clearedTag')} ${translate(lang, a.messageKey, a.params)}${why}`,
  );
}
