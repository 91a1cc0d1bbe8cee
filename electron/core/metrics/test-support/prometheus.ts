// A real Prometheus server for tests: Debian's `prometheus`, on a free loopback port, with a config the test writes.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/** The `prometheus` binary, or null when it is not installed. */
export function prometheusBinary(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** The `promtool` binary, or null. */
export function promtoolBinary(): string | null {
  try {
    return execFileSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** A loopback port nobody listens on right now (bound and released: good enough for a test's own server). */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** One series of an instant query answer. */
export interface QueryResult {
  readonly metric: Readonly<Record<string, string>>;
  readonly value: readonly [number, string];
}

/** A running Prometheus. */
export interface Prometheus {
  readonly url: string;
  /** Instant query through /api/v1/query; throws on an API error. */
  query(expr: string): Promise<QueryResult[]>;
  /** A GET of any API path, parsed. */
  get(apiPath: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** Starts `prometheus` with `config` (YAML text) in `dir` and waits until it is ready. */
export async function startPrometheus(binary: string, dir: string, config: string): Promise<Prometheus> {
  const port = await freePort();
  const configFile = path.join(dir, 'prometheus.yml');
  fs.writeFileSync(configFile, config);
  const log = fs.openSync(path.join(dir, 'prometheus.log'), 'w');
  const child: ChildProcess = spawn(
    binary,
    [
      `--config.file=${configFile}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${port}`;
  const get = async (apiPath: string): Promise<unknown> => {
    const r = await fetch(`${url}${apiPath}`);
    const body = (await r.json()) as { status: string; data: unknown; error?: string };
    if (body.status !== 'success') throw new Error(`${apiPath}: ${body.error ?? r.status}`);
    return body.data;
  };
  const until = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`prometheus exited: ${fs.readFileSync(path.join(dir, 'prometheus.log'), 'utf8')}`);
    }
    const ready = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > until) throw new Error('prometheus did not become ready in 20 s');
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    get,
    async query(expr) {
      const data = (await get(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as { result: QueryResult[] };
      return data.result;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(kill);
          fs.closeSync(log);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
