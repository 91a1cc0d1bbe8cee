// `netinspect serve`: browser mode on 127.0.0.1, printing exactly one line: its URL with the token.
import type { Command } from 'commander';
import { keyedError } from '../../shared/logic/input-error';
import { createCore } from '../core/app-core';
import { defaultConfigDir } from '../core/config-dir';
import { DEFAULT_LISTEN } from '../core/metrics/listen-address';
import { loadMetricsConfig, type MetricsConfigOptions } from '../core/metrics/server-config';
import { RENDERER_DIR } from '../core/paths';
import { metricsFlags, metricsOptions, type MetricsFlags } from './exporter-command';
import { AppError } from '../../shared/model/errors';
import type { TimelineOption } from '../core/timeline/timeline-service';
import { serveTimeline } from './timeline-cli';

/** Parses --port for serve: 0 (any free port) to 65535. */
export function parseServePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw keyedError('input.servePort', { field: 'port', value: text });
  }
  return Number(text);
}

/**
 * Starts core and the browser-mode server on `port` (and /metrics beside it with `metrics`), prints the URL line,
 * and stops on SIGINT/SIGTERM.
 */
async function runServe(port: number, metrics: MetricsConfigOptions | null, timeline: TimelineOption): Promise<void> {
  // A bad metrics flag or file fails before anything starts.
  if (metrics) loadMetricsConfig(metrics);
  // Showing another recording, this host's own history is not what the page is for: tick only while it is open.
  const background = 'record' in timeline;
  const core = createCore({
    configDir: defaultConfigDir(),
    host: 'browser',
    collector: 'process',
    timeline,
    background,
  });
  // A copied recording that cannot be read is refused before the page is served.
  const opened = 'open' in timeline ? (await core.call('timeline:status', {})).error : null;
  if (opened) {
    core.dispose();
    throw new AppError(opened.code, opened.message, opened.params, opened.key);
  }
  // The server (ws, http) loads only for this command.
  const { startServer } = await import('../server/serve');
  const server = await startServer({
    core,
    rendererDir: RENDERER_DIR,
    port,
    log: (line) => process.stderr.write(`netinspect: ${line}\n`),
  }).catch((e: NodeJS.ErrnoException) => {
    core.dispose();
    if (e.code === 'EADDRINUSE') throw keyedError('cli.portInUse', { port });
    if (e.code === 'EACCES') throw keyedError('cli.portPrivileged', { port }, 'EPERM');
    throw e;
  });
  const scrape = metrics
    ? await (await import('../core/metrics/run-exporter')).startCoreMetrics(core, metrics).catch(async (e: unknown) => {
        await server.close();
        core.dispose();
        throw e;
      })
    : null;
  process.stdout.write(`${server.url}\n`);
  // stdout carries exactly one line, the page's URL: the scrape URL goes to stderr.
  if (scrape) process.stderr.write(`netinspect: metrics at ${scrape.url}\n`);
  const stop = (): void => {
    void Promise.all([server.close(), scrape?.close()]).finally(() => {
      core.dispose();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/** Registers `serve` on the program. */
export function registerServe(program: Command): void {
  const serve = program
    .command('serve')
    .description('Serve the app to a browser tab on 127.0.0.1 (for headless hosts: reach it through ssh -L)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .option('--db <file>', 'show a recording another process writes (netinspect record), following its newest tick')
    .option('--open <file>', 'show a recording copied from another machine, read-only (never modified)');
  metricsFlags(
    serve.option(
      '--metrics [host:port]',
      `also serve /metrics for Prometheus (default ${DEFAULT_LISTEN}), never on the page's port`,
    ),
  ).action((flags: MetricsFlags & { port: string; metrics?: string | boolean; db?: string; open?: string }) => {
    const listen = typeof flags.metrics === 'string' ? flags.metrics : undefined;
    const timeline = serveTimeline(flags);
    return runServe(parseServePort(flags.port), flags.metrics ? metricsOptions(flags, listen) : null, timeline);
  });
}
