// `netinspect top` as text for the terminal: a title, a nethogs-like table of processes and the plain-spoken limits.
import type { UiLanguage } from '../../shared/i18n/index';
import { translate } from '../../shared/i18n/translate';
import { durationText } from '../../shared/logic/duration';
import { formatBytes } from '../../shared/logic/format';
import { escapeTerminalText } from '../../shared/logic/terminal-text';
import { renderTextTable } from '../../shared/logic/text-table';
import { formatLocalTime } from '../../shared/logic/time-parse';
import { sortTopRows, type TopSort } from '../../shared/logic/traffic/top-rows';
import type { ProcessTrafficList } from '../../shared/model/processes';

const rate = (v: number | null): string => (v === null ? '—' : `${formatBytes(Math.round(v))}/s`);

/**
 * One screen of `top`: at most `maxRows` processes (the rest counted on one line), sorted by `by`. Names are
 * escaped (a process may name itself with terminal escapes); the caller decides whether to redraw in place.
 */
export function renderTop(
  lang: UiLanguage,
  list: ProcessTrafficList,
  by: TopSort,
  intervalMs: number,
  maxRows = Infinity,
): string {
  const tr = (key: string, params?: Record<string, string | number>) => translate(lang, `top.${key}`, params);
  const rows = sortTopRows(list.processes, by);
  const shown = rows.slice(0, Math.max(0, maxRows));
  let sent = 0;
  let received = 0;
  for (const p of rows) {
    sent += p.sentBytesPerSec ?? 0;
    received += p.receivedBytesPerSec ?? 0;
  }
  const table = renderTextTable(
    ['pid', 'user', 'process', 'sent', 'received', 'sentTotal', 'receivedTotal', 'conns', 'status'].map((c) =>
      tr(`columns.${c}`),
    ),
    shown.map((p) => [
      p.pid === null ? '-' : String(p.pid),
      p.user ?? '-',
      p.pid === null ? tr('hiddenName') : p.name,
      rate(p.sentBytesPerSec),
      rate(p.receivedBytesPerSec),
      formatBytes(p.sentBytes),
      formatBytes(p.receivedBytes),
      String(p.connections),
      tr(`status.${p.status}`),
    ]),
  );
  const out = [
    tr('title', {
      time: formatLocalTime(list.takenAt),
      interval: durationText(intervalMs),
      sort: tr(`sorts.${by}`),
      n: rows.length,
    }),
    tr('total', { sent: rate(sent), received: rate(received) }),
    '',
    table,
  ];
  if (rows.length > shown.length) out.push(tr('more', { n: rows.length - shown.length }));
  out.push('');
  if (list.hidden) out.push(translate(lang, list.hidden.reasonKey, { n: list.hidden.sockets }));
  out.push(tr('limits'));
  out.push(tr(list.closedSource === 'kernel' ? 'closedKernel' : 'closedObserved'));
  return escapeTerminalText(out.join('\n'));
}
