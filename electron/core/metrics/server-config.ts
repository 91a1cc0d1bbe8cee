// The exporter's configuration, checked before anything starts: listen address, top N, token file, TLS files.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { keyedError } from '../../../shared/logic/input-error';
import { DEFAULT_TOP_N, MAX_TOP_N } from './metric-catalog';
import { DEFAULT_LISTEN, authority, parseListen, type ListenAddress } from './listen-address';

/** What `netinspect exporter` and `serve --metrics` accept. */
export interface MetricsConfigOptions {
  /** HOST:PORT; DEFAULT_LISTEN when absent. */
  readonly listen?: string;
  /** A file holding the bearer token Prometheus must send (one line). */
  readonly tokenFile?: string;
  /** PEM certificate and private key files: both or neither. */
  readonly tlsCertFile?: string;
  readonly tlsKeyFile?: string;
  /** Series per top-N metric (1..MAX_TOP_N). */
  readonly topN?: number;
}

/** A warning worth one log line at start (i18n key and params). */
export interface ConfigWarning {
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** A checked configuration. */
export interface MetricsConfig {
  readonly listen: ListenAddress;
  readonly topN: number;
  /** SHA-256 of the token (compared in constant time), or null without a token file. */
  readonly tokenDigest: Buffer | null;
  readonly tls: { readonly cert: Buffer; readonly key: Buffer } | null;
  readonly warnings: readonly ConfigWarning[];
}

/** Checks every option; throws one keyed AppError for the first problem (INVALID_INPUT). */
export function loadMetricsConfig(options: MetricsConfigOptions): MetricsConfig {
  const listen = parseListen(options.listen ?? DEFAULT_LISTEN);
  const topN = options.topN ?? DEFAULT_TOP_N;
  if (!Number.isInteger(topN) || topN < 1 || topN > MAX_TOP_N) {
    throw keyedError('metrics.topRange', { value: String(topN), max: MAX_TOP_N });
  }
  const warnings: ConfigWarning[] = [];
  const tokenDigest = options.tokenFile === undefined ? null : readToken(options.tokenFile, warnings);
  const tls = readTls(options.tlsCertFile, options.tlsKeyFile, warnings);
  const address = authority(listen.host, listen.port);
  if (!listen.loopback) {
    warnings.push({ key: 'metrics.notLoopback', params: { address } });
    if (tokenDigest && !tls) warnings.push({ key: 'metrics.tokenInClear', params: { address } });
  }
  return { listen, topN, tokenDigest, tls, warnings };
}

/** Parses `--top` text for the CLI. */
export function parseTopN(text: string): number {
  if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > MAX_TOP_N) {
    throw keyedError('metrics.topRange', { value: text, max: MAX_TOP_N });
  }
  return Number(text);
}

function readFile(file: string, key: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw keyedError(key, { file, reason: (e as NodeJS.ErrnoException).code ?? String(e) });
  }
}

function readToken(file: string, warnings: ConfigWarning[]): Buffer {
  const token = readFile(file, 'metrics.tokenUnreadable').toString('utf8').trim();
  if (token === '') throw keyedError('metrics.tokenEmpty', { file });
  // Windows has no POSIX mode bits worth reading; elsewhere a token others can read is no secret.
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    warnings.push({ key: 'metrics.tokenReadable', params: { file } });
  }
  return crypto.createHash('sha256').update(token).digest();
}

function readTls(
  certFile: string | undefined,
  keyFile: string | undefined,
  warnings: ConfigWarning[],
): MetricsConfig['tls'] {
  if (certFile === undefined && keyFile === undefined) return null;
  if (certFile === undefined || keyFile === undefined) throw keyedError('metrics.tlsPair');
  const cert = readFile(certFile, 'metrics.tlsUnreadable');
  const key = readFile(keyFile, 'metrics.tlsUnreadable');
  let x509: crypto.X509Certificate;
  try {
    x509 = new crypto.X509Certificate(cert);
  } catch (e) {
    throw keyedError('metrics.tlsBadCert', { file: certFile, reason: reasonOf(e) });
  }
  let privateKey: crypto.KeyObject;
  try {
    privateKey = crypto.createPrivateKey(key);
  } catch (e) {
    throw keyedError('metrics.tlsBadKey', { file: keyFile, reason: reasonOf(e) });
  }
  if (!x509.checkPrivateKey(privateKey)) throw keyedError('metrics.tlsMismatch', { cert: certFile, key: keyFile });
  const expires = Date.parse(x509.validTo);
  if (Number.isFinite(expires) && expires < Date.now()) {
    warnings.push({ key: 'metrics.tlsExpired', params: { file: certFile, date: new Date(expires).toISOString() } });
  }
  return { cert, key };
}

function reasonOf(e: unknown): string {
  const err = e as { code?: string; reason?: string; message?: string };
  return err.reason ?? err.code ?? err.message ?? String(e);
}
