// `netinspect who`, `bind-test` and `scan`: flags parsed and validated here, the work done by core's handlers.
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { escapeTerminalText, jsonText } from '../../shared/logic/terminal-text';
import { parseBounded, parsePortList } from '../../shared/logic/port-tools/port-list';
import { parsePort, parseProto } from '../../shared/logic/socket-query';
import {
  DEFAULT_SCAN_CONCURRENCY,
  DEFAULT_SCAN_TIMEOUT_MS,
  MAX_SCAN_CONCURRENCY,
  MAX_SCAN_PORTS,
  MAX_SCAN_TIMEOUT_MS,
  MIN_SCAN_CONCURRENCY,
  MIN_SCAN_TIMEOUT_MS,
  type ScanProgress,
  type ScanRequest,
} from '../../shared/model/tools';
import type { Core } from '../core/app-core';
import type { Client } from '../core/client';
import { withCore } from './cli-core';
import { EXIT_FAILURE } from './exit-codes';
import { renderBindTest, renderScan, renderWho } from './tools-render';

const out = (text: string) => process.stdout.write(`${escapeTerminalText(text)}\n`);
const lang = () => languageFromEnv(process.env);

interface ScanFlags {
  ports: string;
  concurrency: string;
  timeout: string;
  json?: boolean;
}

/** Validates `scan` arguments (throws INVALID_INPUT with a translated line before any connection is made). */
export function parseScan(host: string, f: ScanFlags): ScanRequest {
  parsePortList(f.ports);
  return {
    host,
    ports: f.ports,
    concurrency: parseBounded(f.concurrency, 'concurrency', MIN_SCAN_CONCURRENCY, MAX_SCAN_CONCURRENCY),
    timeoutMs: parseBounded(f.timeout, 'timeout', MIN_SCAN_TIMEOUT_MS, MAX_SCAN_TIMEOUT_MS),
  };
}

/** Registers `who`, `bind-test` and `scan`. */
export function registerTools(program: Command): void {
  program
    .command('who')
    .description(
      'Who owns a local port: every TCP/UDP socket bound to it (IPv4 and IPv6) and its process. Exit 1 when nothing is',
    )
    .argument('<port>', 'port number 1-65535')
    .option('--proto <proto>', 'only tcp or udp')
    .option('--json', 'print JSON (schema netinspect.who/1)')
    .action(async (portText: string, flags: { proto?: string; json?: boolean }) => {
      const port = parsePort(portText);
      const proto = flags.proto === undefined ? 'any' : parseProto(flags.proto);
      const r = await withCore({ tableOnly: true }, (core) => core.call('tools:who', { port, proto }));
      out(flags.json ? jsonText({ schema: 'netinspect.who/1', ...r }) : renderWho(lang(), r));
      if (r.sockets.length === 0) process.exitCode = EXIT_FAILURE;
    });
  program
    .command('bind-test')
    .description('Try to bind a port (released at once) and explain the outcome. Exit 0 when it is free, 1 when not')
    .argument('<port>', 'port number 1-65535')
    .option('--host <address>', 'local address to bind (IPv4 or IPv6 literal)', '0.0.0.0')
    .option('--udp', 'bind a UDP socket instead of TCP')
    .option('--reuseaddr', 'set SO_REUSEADDR before binding')
    .option('--json', 'print JSON (schema netinspect.bind-test/1)')
    .action(async (portText: string, flags: { host: string; udp?: boolean; reuseaddr?: boolean; json?: boolean }) => {
      const port = parsePort(portText);
      const req = {
        port,
        host: flags.host,
        proto: flags.udp ? ('udp' as const) : ('tcp' as const),
        reuseAddr: flags.reuseaddr === true,
      };
      const r = await withCore({}, (core) => core.call('tools:bind-test', req));
      out(flags.json ? jsonText({ schema: 'netinspect.bind-test/1', ...r }) : renderBindTest(lang(), r));
      if (r.outcome !== 'free') process.exitCode = EXIT_FAILURE;
    });
  program
    .command('scan')
    .description(`TCP connect scan of one host (at most ${MAX_SCAN_PORTS} ports); only scan hosts you are allowed to`)
    .argument('<host>', 'IP address or host name')
    .option('--ports <list>', 'ports and ranges, e.g. 1-1024,8080', '1-1024')
    .option(
      '--concurrency <n>',
      `connections in flight, ${MIN_SCAN_CONCURRENCY}-${MAX_SCAN_CONCURRENCY}`,
      String(DEFAULT_SCAN_CONCURRENCY),
    )
    .option(
      '--timeout <ms>',
      `wait per port (ms), ${MIN_SCAN_TIMEOUT_MS}-${MAX_SCAN_TIMEOUT_MS}`,
      String(DEFAULT_SCAN_TIMEOUT_MS),
    )
    .option('--json', 'print JSON (schema netinspect.scan/1)')
    .action(async (host: string, flags: ScanFlags) => {
      const req = parseScan(host, flags);
      await withCore({}, (core) => runScan(core, req, flags.json === true));
    });
}

/** Starts the scan in core, shows progress on a terminal, cancels on Ctrl+C, prints the results. */
async function runScan(core: Core, req: ScanRequest, json: boolean): Promise<void> {
  const started = performance.now();
  const tty = process.stderr.isTTY === true && !json;
  const results: ScanProgress['results'][number][] = [];
  let finish: (cancelled: boolean) => void = () => {};
  const finished = new Promise<boolean>((resolve) => (finish = resolve));
  const client: Client = {
    id: 'cli-scan',
    send: (event, payload) => {
      if (event !== 'scan:progress') return;
      const p = payload as ScanProgress;
      results.push(...p.results);
      if (tty)
        process.stderr.write(`\r${translate(lang(), 'tools.scan.progressText', { done: p.done, total: p.total })}`);
      if (p.finished) finish(p.cancelled);
    },
  };
  const scan = await core.call('tools:scan', req, client);
  process.once('SIGINT', () => void core.call('tools:scan-cancel', { scanId: scan.scanId }));
  const cancelled = await finished;
  if (tty) process.stderr.write('\n');
  results.sort((a, b) => a.port - b.port);
  const ms = Math.round(performance.now() - started);
  out(
    json
      ? jsonText({ schema: 'netinspect.scan/1', host: req.host, address: scan.address, cancelled, ms, results })
      : renderScan(lang(), { address: scan.address, ms, results }),
  );
  if (cancelled) process.exitCode = EXIT_FAILURE;
}
