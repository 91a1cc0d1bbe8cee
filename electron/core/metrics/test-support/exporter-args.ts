// The `netinspect exporter` command line for a set of metrics options, for tests that run the real CLI.
import type { MetricsConfigOptions } from '../server-config';

/** argv after `netinspect` for `options`. */
export function exporterArgs(options: MetricsConfigOptions): string[] {
  return [
    'exporter',
    ...(options.listen === undefined ? [] : ['--listen', options.listen]),
    ...(options.tokenFile === undefined ? [] : ['--token-file', options.tokenFile]),
    ...(options.tlsCertFile === undefined ? [] : ['--tls-cert', options.tlsCertFile]),
    ...(options.tlsKeyFile === undefined ? [] : ['--tls-key', options.tlsKeyFile]),
    ...(options.topN === undefined ? [] : ['--top', String(options.topN)]),
  ];
}
