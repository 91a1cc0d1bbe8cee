// `netinspect close <local> <remote>`: closes one TCP connection (SOCK_DESTROY / SetTcpEntry) without killing anyone.
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { formatEndpoint } from '../../shared/logic/endpoint';
import { parseConnection } from '../../shared/logic/endpoint-parse';
import { sudoHint, withCore } from './cli-core';

/** Registers `close` on the program. */
export function registerClose(program: Command): void {
  program
    .command('close')
    .description('Close one TCP connection, given by its local and remote endpoints (e.g. 127.0.0.1:8080 [::1]:443)')
    .argument('<local>', 'local endpoint, ADDRESS:PORT or [IPv6]:PORT')
    .argument('<remote>', 'remote endpoint, ADDRESS:PORT or [IPv6]:PORT')
    .option('--json', 'print the result as JSON')
    .action(async (local: string, remote: string, flags: { json?: boolean }) => {
      const c = parseConnection(local, remote);
      const result = await withCore({}, (core) => core.call('socket:close', c)).catch((e: unknown) => {
        throw sudoHint(e, 'cli.closeNeedsSudo');
      });
      const line = flags.json
        ? JSON.stringify(result)
        : translate(languageFromEnv(process.env), 'cli.closed', {
            local: formatEndpoint(c.localAddress, c.localPort),
            remote: formatEndpoint(c.remoteAddress, c.remotePort),
            method: result.method,
          });
      process.stdout.write(`${line}\n`);
    });
}
