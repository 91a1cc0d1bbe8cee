// Test and bench entry standing in for `netinspect exporter` until the CLI calls runExporter: options as JSON in
// argv[2]; a failure prints one line and exits as the CLI does (2 for bad input, 1 otherwise).
import { languageFromEnv, translate } from '../../../../shared/i18n/translate';
import { AppError } from '../../../../shared/model/errors';
import { runExporter, type ExporterOptions } from '../run-exporter';

const options = JSON.parse(process.argv[2] ?? '{}') as ExporterOptions;
runExporter(options).catch((e: unknown) => {
  const lang = languageFromEnv(process.env);
  const text = e instanceof Error ? e.message : String(e);
  const message = e instanceof AppError && e.key ? translate(lang, e.key, e.params, text) : text;
  process.stderr.write(`${translate(lang, 'cli.error', { message })}\n`);
  process.exit(e instanceof AppError && e.code === 'INVALID_INPUT' ? 2 : 1);
});
