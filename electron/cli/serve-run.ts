// The work of `netinspect serve`, loaded only when that command runs (core, zod and ws stay out of `list`).
import { createCore } from '../core/app-core';
import { forkWorker } from '../core/collector/host';
import { defaultConfigDir } from '../core/config-dir';
import { COLLECTOR_WORKER, RENDERER_DIR } from '../core/paths';
import { APP_VERSION } from '../core/version';
import { startServer } from '../server/serve';
import { keyedError } from '../../shared/logic/input-error';

/** Starts core and the browser-mode server on `port`, prints the URL line, and stops on SIGINT/SIGTERM. */
export async function runServe(port: number): Promise<void> {
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
    if (e.code === 'EADDRINUSE') throw keyedError('cli.portInUse', { port });
    if (e.code === 'EACCES') throw keyedError('cli.portPrivileged', { port }, 'EPERM');
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
}
