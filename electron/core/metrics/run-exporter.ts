// Entries for the CLI: `netinspect exporter` (a headless core serving /metrics) and `serve --metrics` (beside it).
import { languageFromEnv } from '../../../shared/i18n/translate';
import { createCore, type Core } from '../app-core';
import { forkWorker } from '../collector/host';
import { defaultConfigDir } from '../config-dir';
import { COLLECTOR_WORKER } from '../paths';
import { APP_VERSION } from '../version';
import { createCoreMetricsSource } from './core-source';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import { loadMetricsConfig, type MetricsConfigOptions } from './server-config';

export interface ExporterOptions extends MetricsConfigOptions {
  /** Where start-up warnings go (default: stderr, prefixed `netinspect: `). */
  readonly log?: (line: string) => void;
}

/** Serves `core`'s numbers at /metrics (for `serve --metrics`); closing the server ends its subscription. */
export async function startCoreMetrics(
  core: Pick<Core, 'handle' | 'disconnect'>,
  options: ExporterOptions,
): Promise<MetricsServer> {
  const source = await createCoreMetricsSource(core);
  try {
    const server = await startMetricsServer({ ...options, source, lang: languageFromEnv(process.env) });
    return {
      ...server,
      close: () => server.close().finally(() => source.close()),
    };
  } catch (e) {
    source.close();
    throw e;
  }
}

/**
 * `netinspect exporter`: checks the configuration before starting anything (a bad flag or file fails at once with
 * one keyed AppError), starts core with its collector, serves /metrics, prints the scrape URL as the one line on
 * stdout, and stops on SIGINT/SIGTERM. Resolves once serving.
 */
export async function runExporter(options: ExporterOptions): Promise<MetricsServer> {
  loadMetricsConfig(options);
  const core = createCore({
    configDir: defaultConfigDir(),
    host: 'browser',
    spawnWorker: forkWorker(COLLECTOR_WORKER),
    version: APP_VERSION,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
  });
  let server: MetricsServer;
  try {
    server = await startCoreMetrics(core, options);
  } catch (e) {
    core.dispose();
    throw e;
  }
  process.stdout.write(`${server.url}\n`);
  const stop = (): void => {
    void server.close().finally(() => {
      core.dispose();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return server;
}
