// Text forms of `who`, `bind-test` and `scan` answers, in the user's language.
import type { UiLanguage } from '../../shared/i18n/index';
import { translate } from '../../shared/i18n/translate';
import { renderSocketTextTable } from '../../shared/logic/socket-text';
import { renderTextTable } from '../../shared/logic/text-table';
import type { BindTestResult, ScanPortResult, WhoResult } from '../../shared/model/tools';

/** Every socket bound to the port, or the line that says nothing is. */
export function renderWho(lang: UiLanguage, r: WhoResult): string {
  return r.sockets.length === 0
    ? translate(lang, 'tools.cli.nothing', { port: r.port })
    : renderSocketTextTable(r.sockets);
}

/** The explanation of a bind test, one line each. */
export function renderBindTest(lang: UiLanguage, r: BindTestResult): string {
  const lines = r.explanation.map((e) => translate(lang, e.key, e.params));
  if (r.errno) lines.push(translate(lang, 'tools.bind.errno', { errno: r.errno }));
  if (!r.reuseAddrHonoured) lines.push(translate(lang, 'tools.bind.notHonoured'));
  return lines.join('\n');
}

/** Open and filtered ports as a table (closed ones are the rule), then the totals. */
export function renderScan(
  lang: UiLanguage,
  s: { readonly address: string; readonly ms: number; readonly results: readonly ScanPortResult[] },
): string {
  const count = (status: string) => s.results.filter((r) => r.status === status).length;
  const shown = s.results.filter((r) => r.status !== 'closed');
  const table = shown.length
    ? `${renderTextTable(
        ['Port', 'Status', 'Service', 'ms'],
        shown.map((r) => [String(r.port), r.status, r.service ?? '', String(r.ms)]),
      )}\n`
    : '';
  const totals = translate(lang, 'tools.cli.scanned', {
    total: s.results.length,
    address: s.address,
    ms: s.ms,
    open: count('open'),
    closed: count('closed'),
    filtered: count('filtered'),
  });
  return `${table}${totals}`;
}
