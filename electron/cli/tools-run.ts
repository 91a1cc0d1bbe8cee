// The work of `who`, `bind-test` and `scan`, loaded only when one of them runs.
import { renderSocketTextTable } from '../../shared/logic/socket-text';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { renderTextTable } from '../../shared/logic/text-table';
import { escapeTerminalText, jsonText } from '../../shared/logic/terminal-text';
import type { BindTestRequest, ScanRequest } from '../../shared/model/tools';
import { bindTest } from '../core/tools/bind-test';
import { startScan } from '../core/tools/port-scan';
import { serviceTable } from '../core/tools/service-names';
import { whoOwns } from '../core/tools/who-owns';
import { CliTable } from './cli-table';
import { EXIT_FAILURE } from './exit-codes';

const lang = () => languageFromEnv(process.env);
const out = (text: string) => process.stdout.write(`${escapeTerminalText(text)}\n`);

/** Prints who holds `port`; exit 1 when nothing does. */
export function runWho(port: number, proto: 'tcp' | 'udp' | 'any', json: boolean): void {
  const table = new CliTable();
  try {
    table.tick();
    const r = whoOwns(table.snapshot(), port, proto);
    if (json) out(jsonText({ schema: 'netinspect.who/1', ...r }));
    else if (r.sockets.length === 0) out(translate(lang(), 'tools.cli.nothing', { port }));
    else {
      out(renderSocketTextTable(r.sockets));
    }
    if (r.sockets.length === 0) process.exitCode = EXIT_FAILURE;
  } finally {
    table.close();
  }
}

/** Runs the bind test and explains it; exit 1 unless the port is free. */
export async function runBindTest(req: BindTestRequest, json: boolean): Promise<void> {
  const table = new CliTable();
  try {
    const r = await bindTest(req, {
      sockets: async () => {
        table.tick();
        return table.snapshot().sockets;
      },
      ephemeral: async () => (await table.analytics.diagnose([], Date.now())).ephemeralRange,
    });
    if (json) out(jsonText({ schema: 'netinspect.bind-test/1', ...r }));
    else {
      for (const e of r.explanation) out(translate(lang(), e.key, e.params));
      if (r.errno) out(translate(lang(), 'tools.bind.errno', { errno: r.errno }));
      if (!r.reuseAddrHonoured) out(translate(lang(), 'tools.bind.notHonoured'));
    }
    if (r.outcome !== 'free') process.exitCode = EXIT_FAILURE;
  } finally {
    table.close();
  }
}

/** Scans and prints open ports (text) or every port (JSON); progress goes to stderr on a terminal. */
export async function runScan(req: ScanRequest, json: boolean): Promise<void> {
  const started = performance.now();
  const tty = process.stderr.isTTY === true && !json;
  const scan = await startScan(req, serviceTable(), (p) => {
    if (tty)
      process.stderr.write(`\r${translate(lang(), 'tools.scan.progressText', { done: p.done, total: p.total })}`);
  });
  process.once('SIGINT', () => scan.cancel());
  const { results, cancelled } = await scan.finished;
  if (tty) process.stderr.write('\n');
  const count = (s: string) => results.filter((r) => r.status === s).length;
  const ms = Math.round(performance.now() - started);
  if (json) {
    out(jsonText({ schema: 'netinspect.scan/1', host: req.host, address: scan.address, cancelled, ms, results }));
    return;
  }
  const shown = results.filter((r) => r.status !== 'closed');
  if (shown.length) {
    out(
      renderTextTable(
        ['Port', 'Status', 'Service', 'ms'],
        shown.map((r) => [String(r.port), r.status, r.service ?? '', String(r.ms)]),
      ),
    );
  }
  out(
    translate(lang(), 'tools.cli.scanned', {
      total: results.length,
      address: scan.address,
      ms,
      open: count('open'),
      closed: count('closed'),
      filtered: count('filtered'),
    }),
  );
  if (cancelled) process.exitCode = EXIT_FAILURE;
}
