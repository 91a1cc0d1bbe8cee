// `netinspect serve` started for a test (optionally as another user) and a contract client on its WebSocket.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnCli, type CliStream } from './cli-stream';
import { openRpc, type Rpc } from './ws-rpc';

/** A running serve, its client, and how to stop both. */
export interface Served {
  readonly cli: CliStream;
  /** The URL serve printed, with its token. */
  readonly url: URL;
  /** Its WebSocket's URL, with the token. */
  readonly wsUrl: string;
  readonly rpc: Rpc;
  /** Calls a channel; throws the error of a failed answer. */
  call<T>(channel: string, request?: unknown): Promise<T>;
  /** SIGTERM, then waits for the exit; its code. */
  stop(): Promise<number | null>;
}

/**
 * Starts `serve --port 0` through `prefix` with a config dir of its own (writable by anyone: nobody may run it).
 * `asPage` makes the client send the Origin its own page would.
 */
export async function startServed(prefix: readonly string[] = [], { asPage = false } = {}): Promise<Served> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netinspect-served-'));
  chmodSync(dir, 0o777);
  const cli = spawnCli(['serve', '--port', '0'], prefix, { NETINSPECT_CONFIG_DIR: dir });
  let url: URL;
  let wsUrl: string;
  let rpc: Rpc;
  try {
    const [line] = await cli.waitLines(1);
    url = new URL(line);
    wsUrl = `ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}`;
    rpc = await openRpc(wsUrl, asPage ? { Origin: `http://${url.host}` } : {});
  } catch (e) {
    // Not served, or no client: the caller never gets it to stop.
    cli.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    cli,
    url,
    wsUrl,
    rpc,
    async call<T>(channel: string, request: unknown = {}): Promise<T> {
      const r = await rpc.call(channel, request);
      if (!r.ok) throw new Error(`${channel}: ${r.error?.message ?? '?'}`);
      return r.value as T;
    },
    async stop() {
      rpc.ws.close();
      cli.child.kill('SIGTERM');
      const { code } = await cli.exited;
      rmSync(dir, { recursive: true, force: true });
      return code;
    },
  };
}
