// `netinspect serve`: browser mode on 127.0.0.1, printing exactly one line: its URL with the token.
import type { Command } from 'commander';
import { createCore } from '../core/app-core';
import { forkWorker } from '../core/collector/host';
import { defaultConfigDir } from '../core/config-dir';
import { COLLECTOR_WORKER, RENDERER_DIR } from '../core/paths';
import { APP_VERSION } from '../core/version';
import { startServer } from '../server/serve';
import { AppError } from '../../shared/model/errors';

/** Parses --port for serve: 0 (any free port) to 65535. */
export function parseServePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new AppError('INVALID_INPUT', `Invalid port "${text}": give 0 (any free port) or 1 to 65535.`, {
      field: 'port',
    });
  }
  return Number(text);
}

/** Registers `serve` on the program. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the app to a browser tab on 127.0.0.1 (for headless hosts: reach it through ssh -L)')
    .option('--port <n>', 'port to listen on (0 = any free port)', '0')
    .action(async (flags: { port: string }) => {
      const port = parseServePort(flags.port);
      const core = createCore({
        configDir: defaultConfigDir(),
        host: 'browser',
        spawnWorker: forkWorker(COLLECTOR_WORKER),
        version: APP_VERSION,
        locale: Intl.DateTimeFormat().resolvedOptions().locale,
      });
      const server = await startServer({
        core,
        rendererDir: RENDERER_DIR,
        port,
        log: (line) => process.stderr.write(`netinspect: ${line}\n`),
      }).catch((e: NodeJS.ErrnoException) => {
        core.dispose();
        if (e.code === 'EADDRINUSE')
          throw new AppError(
            'INVALID_INPUT',
            `Port ${port} is already in use: pick another with --port, or 0 for any free port.`,
          );
        if (e.code === 'EACCES')
          throw new AppError('EPERM', `Port ${port} needs privileges to bind: pick one above 1023.`);
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
