// `netinspect serve`: browser mode on 127.0.0.1, printing exactly one line: its URL with the token.
import type { Command } from 'commander';
import { keyedError } from '../../shared/logic/input-error';

/** Parses --port for serve: 0 (any free port) to 65535. */
export function parseServePort(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw keyedError('input.servePort', { field: 'port', value: text });
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
      const { runServe } = await import('./serve-run');
      await runServe(port);
    });
}
