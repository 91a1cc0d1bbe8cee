// The work of `netinspect report`: sample, gather, render, write.
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { DEFAULT_TOGGLES } from '../../shared/logic/filter';
import { renderReport } from '../../shared/logic/report/render-report';
import { MAX_SERIES_POINTS } from '../../shared/model/history';
import { APP_VERSION } from '../core/version';
import { isElevated } from '../core/privilege/elevation';
import { gatherReport } from '../core/report/gather-report';
import type { ReportOutput } from '../core/report/output-file';
import type { ReportOptions } from './report-command';
import { CliTable } from './cli-table';

/** Samples the table, builds the report and writes it to `output` (opened by the caller) or stdout. */
export async function runReport(o: ReportOptions, output: ReportOutput | null): Promise<void> {
  const lang = languageFromEnv(process.env);
  const started = performance.now();
  const table = new CliTable({ refreshIntervalMs: o.intervalMs });
  try {
    await table.sample(o.ticks, o.intervalMs);
    const report = await gatherReport(
      {
        version: APP_VERSION,
        snapshot: async () => table.snapshot(),
        series: (w, maxPoints, now) =>
          table.analytics.history.seriesFor(w, Math.min(maxPoints, MAX_SERIES_POINTS), now),
        transitions: (w, now) => table.analytics.history.transitionsFor(w, now),
        diagnose: (sockets, takenAt) => table.analytics.diagnose(sockets, takenAt),
        privileges: () => ({ elevated: isElevated(), ...table.owners() }),
      },
      {
        window: o.window,
        filter: o.filter === null ? null : { text: o.filter, toggles: DEFAULT_TOGGLES },
        language: lang,
      },
    );
    const file = renderReport(report, o.format, lang);
    if (output === null) {
      process.stdout.write(file.content);
      return;
    }
    output.write(file.content);
    process.stderr.write(
      `${translate(lang, 'report.cli.written', {
        file: output.path,
        bytes: Buffer.byteLength(file.content),
        sockets: report.snapshot.sockets.length,
        ms: Math.round(performance.now() - started),
      })}\n`,
    );
  } finally {
    output?.close();
    table.close();
  }
}
