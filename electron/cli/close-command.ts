// `netinspect close <local> <remote>`: closes one TCP connection (SOCK_DESTROY / SetTcpEntry) without killing anyone.
import type { Command } from 'commander';
import { languageFromEnv, translate } from '../../shared/i18n/translate';
import { formatEndpoint } from '../../shared/logic/endpoint';
import { parseConnection } from '../../shared/logic/endpoint-parse';
import type { CloseResult } from '../../shared/model/actions';
import { createProcessActions } from '../core/process-actions';
import { cliElevationError } from './kill-command';

interface CloseFlags {
  json?: boolean;
}

/** Registers `close` on the program. */
export function registerClose(program: Command): void {
  program
    .command('close')
    .description('Close one TCP connection, given by its local and remote endpoints (e.g. 127.0.0.1:8080 [::1]:443)')
    .argument('<local>', 'local endpoint, ADDRESS:PORT or [IPv6]:PORT')
    .argument('<remote>', 'remote endpoint, ADDRESS:PORT or [IPv6]:PORT')
    .option('--json', 'print the result as JSON')
    .action((local: string, remote: string, flags: CloseFlags) => {
      const c = parseConnection(local, remote);
      let result: Omit<CloseResult, 'viaHelper'>;
      try {
        result = createProcessActions().close(c);
      } catch (e) {
        throw cliElevationError(e, 'cli.closeNeedsSudo', {});
      }
      const line = flags.json
        ? JSON.stringify({ ...result, viaHelper: false })
        : translate(languageFromEnv(process.env), 'cli.closed', {
            local: formatEndpoint(c.localAddress, c.localPort),
            remote: formatEndpoint(c.remoteAddress, c.remotePort),
            method: result.method,
          });
      process.stdout.write(`${line}\n`);
    });
}
