// `netinspect who`, `bind-test` and `scan`: flags parsed and validated here; the work loads only when one runs.
import type { Command } from 'commander';
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
  type ScanRequest,
} from '../../shared/model/tools';

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
      const { runWho } = await import('./tools-run');
      runWho(port, proto, flags.json === true);
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
      const { runBindTest } = await import('./tools-run');
      await runBindTest(
        { port, host: flags.host, proto: flags.udp ? 'udp' : 'tcp', reuseAddr: flags.reuseaddr === true },
        flags.json === true,
      );
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
      const { runScan } = await import('./tools-run');
      await runScan(req, flags.json === true);
    });
}
