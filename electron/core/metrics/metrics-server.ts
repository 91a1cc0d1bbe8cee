// The /metrics endpoint: GET (or HEAD) /metrics only, optional bearer token and TLS; never the UI or the contract.
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { keyedError } from '../../../shared/logic/input-error';
import { translate } from '../../../shared/i18n/translate';
import type { UiLanguage } from '../../../shared/i18n/index';
import { AppError } from '../../../shared/model/errors';
import { authority } from './listen-address';
import { MetricsRegistry } from './metrics-registry';
import type { MetricsSource } from './metrics-source';
import { loadMetricsConfig, type MetricsConfig, type MetricsConfigOptions } from './server-config';

export interface MetricsServerOptions extends MetricsConfigOptions {
  readonly source: MetricsSource;
  /** Where start-up warnings go, one line each (default: stderr). */
  readonly log?: (line: string) => void;
  /** Language of log lines and response bodies. */
  readonly lang?: UiLanguage;
}

/** A running endpoint. */
export interface MetricsServer {
  /** The scrape URL, with the port actually bound. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Checks the configuration (one keyed AppError per problem), binds, and serves. A non-loopback address is logged
 * once at start; so is a token file others can read, a token sent without TLS, and an expired certificate.
 */
export async function startMetricsServer(options: MetricsServerOptions): Promise<MetricsServer> {
  const config = loadMetricsConfig(options);
  const lang = options.lang ?? 'en';
  const log = options.log ?? ((line: string) => process.stderr.write(`netinspect: ${line}\n`));
  const registry = new MetricsRegistry({ topN: config.topN });
  const stopTicks = options.source.onTick((t) => registry.onTick(t));
  let inFlight: Promise<string> | null = null;
  // Concurrent scrapes (two Prometheus replicas) share one read of the table.
  const scrape = (): Promise<string> =>
    (inFlight ??= (async () => {
      registry.update(await options.source.view());
      return registry.metrics();
    })().finally(() => (inFlight = null)));
  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    void respond(req, res, config, lang, registry.contentType, scrape);
  };
  const server = config.tls
    ? https.createServer({ cert: config.tls.cert, key: config.tls.key }, handler)
    : http.createServer(handler);
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.listen.port, config.listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    stopTicks();
    throw bindError(e, config);
  }
  for (const w of config.warnings) log(translate(lang, w.key, w.params));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${config.tls ? 'https' : 'http'}://${authority(config.listen.host, port)}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        stopTicks();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function respond(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  config: MetricsConfig,
  lang: UiLanguage,
  contentType: string,
  scrape: () => Promise<string>,
): Promise<void> {
  const text = (status: number, key: string, headers: http.OutgoingHttpHeaders = {}): void => {
    const body = `${translate(lang, key)}\n`;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  if (config.tokenDigest && !authorized(req.headers.authorization, config.tokenDigest)) {
    text(401, 'metrics.http.unauthorized', { 'WWW-Authenticate': 'Bearer realm="netinspect"' });
    return;
  }
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
    text(404, 'metrics.http.notFound');
    return;
  }
  let body: string;
  try {
    body = await scrape();
  } catch (e) {
    process.stderr.write(`netinspect: metrics scrape failed: ${e instanceof Error ? e.message : String(e)}\n`);
    text(500, 'metrics.http.scrapeFailed');
    return;
  }
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** `Bearer <token>` whose SHA-256 equals the configured one, compared in constant time. */
function authorized(header: string | undefined, digest: Buffer): boolean {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) return false;
  const given = crypto.createHash('sha256').update(m[1].trim()).digest();
  return crypto.timingSafeEqual(given, digest);
}

function bindError(e: unknown, config: MetricsConfig): unknown {
  const code = (e as NodeJS.ErrnoException).code;
  const address = authority(config.listen.host, config.listen.port);
  if (code === 'EADDRINUSE') return keyedError('metrics.portInUse', { address });
  if (code === 'EACCES') return keyedError('metrics.portPrivileged', { port: config.listen.port }, 'EPERM');
  if (code === 'EADDRNOTAVAIL') return keyedError('metrics.addressUnavailable', { address });
  return e instanceof AppError ? e : new AppError('INTERNAL', `Cannot listen on ${address}: ${String(e)}`);
}
