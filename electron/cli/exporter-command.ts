// `netinspect exporter`: a headless core serving /metrics for Prometheus (no UI, no contract on that port).
import type { Command } from 'commander';
import { createCore } from '../core/app-core';
import { defaultConfigDir } from '../core/config-dir';
import { DEFAULT_LISTEN } from '../core/metrics/listen-address';
import { loadMetricsConfig, parseTopN, type MetricsConfigOptions } from '../core/metrics/server-config';

/** Flags of `exporter` and `serve --metrics`. */
export interface MetricsFlags {
  listen?: string;
  tokenFile?: string;
  tlsCert?: string;
  tlsKey?: string;
  top?: string;
}

/** The metrics options the flags give (checked later by loadMetricsConfig, before anything starts). */
export function metricsOptions(f: MetricsFlags, listen = f.listen): MetricsConfigOptions {
  return {
    listen,
    tokenFile: f.tokenFile,
    tlsCertFile: f.tlsCert,
    tlsKeyFile: f.tlsKey,
    topN: f.top === undefined ? undefined : parseTopN(f.top),
  };
}

/** Adds the token, TLS and top-N flags both commands share. */
export function metricsFlags(command: Command): Command {
  return command
    .option('--token-file <file>', 'require "Authorization: Bearer <token>" with the token in this file')
    .option('--tls-cert <file>', 'serve HTTPS with this PEM certificate (with --tls-key)')
    .option('--tls-key <file>', 'the PEM private key of --tls-cert')
    .option('--top <n>', 'series per top-N metric (processes, endpoints, ports); the rest sum into "other"');
}

/** Registers `exporter`. */
export function registerExporter(program: Command): void {
  metricsFlags(
    program
      .command('exporter')
      .description('Serve /metrics in the Prometheus text format (headless; 127.0.0.1 unless --listen says otherwise)')
      .option('--listen <host:port>', `address to listen on (default ${DEFAULT_LISTEN})`),
  ).action(async (flags: MetricsFlags) => {
    const options = metricsOptions(flags);
    // A bad flag or file fails here, before core or the collector starts.
    loadMetricsConfig(options);
    const core = createCore({ configDir: defaultConfigDir(), host: 'cli', collector: 'process' });
    // prom-client loads for the commands that serve metrics, not for every command.
    const { startCoreMetrics } = await import('../core/metrics/run-exporter');
    const server = await startCoreMetrics(core, options).catch((e: unknown) => {
      core.dispose();
      throw e;
    });
    process.stdout.write(`${server.url}\n`);
    const stop = (): void => {
      void server.close().finally(() => {
        core.dispose();
        process.exit(0);
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
