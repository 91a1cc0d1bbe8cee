// Serves a core's numbers at /metrics: what `netinspect exporter` and `serve --metrics` start beside their core.
import { languageFromEnv } from '../../../shared/i18n/translate';
import type { Core } from '../app-core';
import { startMetricsServer, type MetricsServer } from './metrics-server';
import type { MetricsConfigOptions } from './server-config';

export interface ExporterOptions extends MetricsConfigOptions {
  /** Where start-up warnings go (default: stderr, prefixed `netinspect: `). */
  readonly log?: (line: string) => void;
}

/** Serves `core`'s numbers at /metrics (for `serve --metrics`); closing the server ends its subscription. */
export async function startCoreMetrics(
  core: Pick<Core, 'metricsSource'>,
  options: ExporterOptions,
): Promise<MetricsServer> {
  const source = core.metricsSource();
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
