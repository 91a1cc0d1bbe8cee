// The /metrics endpoint over a real core: what it serves and refuses, token and TLS, bad configuration, counters.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translate } from '../../../shared/i18n/translate';
import { AppError } from '../../../shared/model/errors';
import { CLI, listen, portOf, waitFor } from '../../test-support/net-fixtures';
import { METRICS } from './metric-catalog';
import type { MetricsServer } from './metrics-server';
import { startCoreMetrics, type ExporterOptions } from './run-exporter';
import { exporterArgs } from './test-support/exporter-args';
import { parseSamples, valueOf } from './test-support/exposition';
import { request } from './test-support/http-get';
import { BYTE_MOVER, startScenario, stopScenarios } from './test-support/scenario-children';
import { startTestCore } from './test-support/test-core';
import { makeTlsFiles, type TlsFiles } from './test-support/tls-files';
import { NOBODY } from '../../test-support/nobody';

let tc: Awaited<ReturnType<typeof startTestCore>>;
let dir: string;
let tls: TlsFiles;
const servers: MetricsServer[] = [];
const unprivilegedPortStart = Number(fs.readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
/** Testing EACCES needs root (to drop to nobody) and a kernel where port 80 is still privileged. */
const canTestPrivilegedPort = process.getuid?.() === 0 && unprivilegedPortStart > 80;
if (!canTestPrivilegedPort) {
  console.log(
    `skipping the privileged-port case: needs root and net.ipv4.ip_unprivileged_port_start > 80 (uid ${process.getuid?.()}, ${unprivilegedPortStart})`,
  );
}

async function serve(options: ExporterOptions): Promise<MetricsServer> {
  const s = await startCoreMetrics(tc.core, { log: () => {}, ...options });
  servers.push(s);
  return s;
}

/** The AppError a start with `options` fails with. */
async function failure(options: ExporterOptions): Promise<AppError> {
  const e = await serve(options).then(
    () => new Error('started'),
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw new Error(`not an AppError: ${String(e)}`);
  return e;
}

function file(name: string, content: string, mode = 0o600): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content, { mode });
  fs.chmodSync(p, mode);
  return p;
}

/** Runs the stand-in exporter entry to its exit (or kills it after `ms` if it keeps serving). */
function runExporterChild(
  options: ExporterOptions,
  wrap: readonly string[] = [],
  ms = 15_000,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const [cmd, ...pre] = wrap.length > 0 ? wrap : [process.execPath];
  const args = [...pre, ...(wrap.length > 0 ? [process.execPath] : []), CLI, ...exporterArgs(options)];
  const env = { ...process.env, NETINSPECT_CONFIG_DIR: path.join(dir, 'child-config'), LANG: 'C' };
  const child = spawn(cmd ?? process.execPath, args, { env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

beforeAll(async () => {
  tc = await startTestCore(250);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-metrics-server-'));
  fs.chmodSync(dir, 0o755);
  fs.mkdirSync(path.join(dir, 'child-config'), { mode: 0o777 });
  fs.chmodSync(path.join(dir, 'child-config'), 0o777);
  tls = makeTlsFiles(dir);
}, 60_000);

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  stopScenarios();
  tc.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the metrics endpoint', () => {
  it('serves GET and HEAD /metrics in the text format and answers 404 to everything else', async () => {
    const s = await serve({ listen: '127.0.0.1:0' });
    expect(s.url).toBe(`http://127.0.0.1:${s.port}/metrics`);
    const got = await request(s.url);
    expect(got.status).toBe(200);
    expect(got.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(valueOf(parseSamples(got.body), METRICS.build.name, { version: 'test', platform: process.platform })).toBe(
      1,
    );
    const head = await request(s.url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
    const base = `http://127.0.0.1:${s.port}`;
    for (const p of ['/', '/index.html', '/assets/index.js', '/api/v1/query', '/metrics/x', '/metricsx']) {
      const r = await request(`${base}${p}`);
      expect(r.status, p).toBe(404);
      expect(r.body).toBe(`${translate('en', 'metrics.http.notFound')}\n`);
    }
    expect((await request(s.url, { method: 'POST' })).status).toBe(404);
    // The contract travels over a WebSocket in browser mode: the metrics port never upgrades.
    const ws = await request(`${base}/`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket' } });
    expect(ws.status).toBe(404);
  });

  it('wants the bearer token from the token file, for every path, with WWW-Authenticate', async () => {
    const s = await serve({ listen: '127.0.0.1:0', tokenFile: file('token', 's3cret-token\n') });
    const none = await request(s.url);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="netinspect"');
    expect((await request(s.url, { token: 's3cret-tokeN' })).status).toBe(401);
    expect((await request(s.url, { token: 's3cret' })).status).toBe(401);
    expect((await request(s.url.replace('/metrics', '/'))).status).toBe(401);
    expect((await request(s.url, { token: 's3cret-token' })).status).toBe(200);
    expect((await request(s.url.replace('/metrics', '/'), { token: 's3cret-token' })).status).toBe(404);
  });

  it('serves over TLS with the given certificate and key', async () => {
    const s = await serve({ listen: '127.0.0.1:0', tlsCertFile: tls.cert, tlsKeyFile: tls.key });
    expect(s.url).toBe(`https://127.0.0.1:${s.port}/metrics`);
    const got = await request(s.url, { ca: fs.readFileSync(tls.cert) });
    expect(got.status).toBe(200);
    expect(got.body).toContain(`${METRICS.sockets.name}{`);
    await expect(request(s.url.replace('https:', 'http:'))).rejects.toThrow();
  });

  it('logs a non-loopback address once, and a token that would travel in clear text', async () => {
    const lines: string[] = [];
    const log = (l: string): void => void lines.push(l);
    await serve({ listen: '127.0.0.1:0', log });
    expect(lines).toEqual([]);
    const s = await serve({ listen: '0.0.0.0:0', tokenFile: file('token2', 'abc'), log });
    const address = '0.0.0.0:0';
    expect(lines).toEqual([
      translate('en', 'metrics.notLoopback', { address }),
      translate('en', 'metrics.tokenInClear', { address }),
    ]);
    await request(s.url.replace('0.0.0.0', '127.0.0.1'), { token: 'abc' });
    expect(lines).toHaveLength(2);
  });

  it('warns when others may read the token file', async () => {
    const lines: string[] = [];
    const token = file('token-shared', 'abc', 0o644);
    await serve({ listen: '127.0.0.1:0', tokenFile: token, log: (l) => void lines.push(l) });
    expect(lines).toEqual([translate('en', 'metrics.tokenReadable', { file: token })]);
  });
});

describe('bad configuration: one keyed, translated error each', () => {
  it('a port in use', async () => {
    const taken = await listen();
    try {
      const e = await failure({ listen: `127.0.0.1:${portOf(taken)}` });
      expect(e.key).toBe('metrics.portInUse');
      expect(e.message).toBe(translate('en', 'metrics.portInUse', { address: `127.0.0.1:${portOf(taken)}` }));
    } finally {
      taken.close();
    }
  });

  it('bad --listen syntax and ports', async () => {
    for (const [value, key] of [
      ['nonsense', 'metrics.listenFormat'],
      ['example.com:9469', 'metrics.listenFormat'],
      ['127.0.0.1:70000', 'metrics.listenPort'],
    ] as const) {
      const e = await failure({ listen: value });
      expect(e.key, value).toBe(key);
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.message).toBe(translate('en', key, { value }));
    }
  });

  it('an address that is not this machine’s', async () => {
    // 192.0.2.1 is TEST-NET-1 (RFC 5737): never assigned here; binding it fails before any packet is sent.
    const e = await failure({ listen: '192.0.2.1:0' });
    expect(e.key).toBe('metrics.addressUnavailable');
  });

  it('a missing, unreadable or empty token file', async () => {
    const missing = path.join(dir, 'no-such-token');
    const e1 = await failure({ tokenFile: missing, listen: '127.0.0.1:0' });
    expect(e1.message).toBe(translate('en', 'metrics.tokenUnreadable', { file: missing, reason: 'ENOENT' }));
    const e2 = await failure({ tokenFile: dir, listen: '127.0.0.1:0' });
    expect(e2.message).toBe(translate('en', 'metrics.tokenUnreadable', { file: dir, reason: 'EISDIR' }));
    const blank = file('blank', ' \n\n');
    const e3 = await failure({ tokenFile: blank, listen: '127.0.0.1:0' });
    expect(e3.message).toBe(translate('en', 'metrics.tokenEmpty', { file: blank }));
  });

  it('TLS files: one without the other, unreadable, not PEM, or a key of another certificate', async () => {
    const l = '127.0.0.1:0';
    expect((await failure({ listen: l, tlsCertFile: tls.cert })).key).toBe('metrics.tlsPair');
    expect((await failure({ listen: l, tlsKeyFile: tls.key })).key).toBe('metrics.tlsPair');
    const missing = path.join(dir, 'none.pem');
    const e1 = await failure({ listen: l, tlsCertFile: missing, tlsKeyFile: tls.key });
    expect(e1.message).toBe(translate('en', 'metrics.tlsUnreadable', { file: missing, reason: 'ENOENT' }));
    const junk = file('junk.pem', 'not a certificate\n');
    const e2 = await failure({ listen: l, tlsCertFile: junk, tlsKeyFile: tls.key });
    expect(e2.key).toBe('metrics.tlsBadCert');
    expect(e2.params?.file).toBe(junk);
    const e3 = await failure({ listen: l, tlsCertFile: tls.cert, tlsKeyFile: tls.cert });
    expect(e3.key).toBe('metrics.tlsBadKey');
    const e4 = await failure({ listen: l, tlsCertFile: tls.cert, tlsKeyFile: tls.otherKey });
    expect(e4.message).toBe(translate('en', 'metrics.tlsMismatch', { cert: tls.cert, key: tls.otherKey }));
  });

  it('a --top out of range', async () => {
    const e = await failure({ listen: '127.0.0.1:0', topN: 0 });
    expect(e.key).toBe('metrics.topRange');
  });

  it('prints one line and exits 2 for bad input: --listen syntax, a port in use', async () => {
    const bad = await runExporterChild({ listen: 'localhost' });
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(`netinspect: ${translate('en', 'metrics.listenFormat', { value: 'localhost' })}\n`);
    const taken = await listen();
    try {
      const inUse = await runExporterChild({ listen: `127.0.0.1:${portOf(taken)}` });
      expect(inUse.code).toBe(2);
      expect(inUse.stderr.trim().split('\n')).toHaveLength(1);
      expect(inUse.stderr).toContain(`127.0.0.1:${portOf(taken)}`);
    } finally {
      taken.close();
    }
  });

  it.skipIf(!canTestPrivilegedPort)('a privileged port for an unprivileged user (exit 1)', async () => {
    const nobody = NOBODY;
    const r = await runExporterChild({ listen: '127.0.0.1:80' }, nobody);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`netinspect: ${translate('en', 'metrics.portPrivileged', { port: 80 })}\n`);
  });
});

describe('counters over a real core', () => {
  it('counts the bytes a process moved, per process name, and keeps them after it exits', async () => {
    const s = await serve({ listen: '127.0.0.1:0' });
    const mover = await startScenario<{ up: number; down: number }>('ni-bytes', BYTE_MOVER(100_000, 50_000));
    expect(mover.ready).toEqual({ up: 100_000, down: 50_000 });
    const at = { process: 'ni-bytes' };
    await waitFor(async () => {
      const m = parseSamples((await request(s.url)).body);
      const sent = valueOf(m, METRICS.bytesSent.name, at);
      const received = valueOf(m, METRICS.bytesReceived.name, at);
      return sent === 150_000 && received === 150_000 ? true : undefined;
    });
    const exited = new Promise((r) => mover.child.once('exit', r));
    mover.child.kill('SIGKILL');
    await exited;
    const ssNone = (): boolean =>
      !execFileSync('ss', ['-tanpH'], { encoding: 'utf8', maxBuffer: 256 << 20 }).includes(`pid=${mover.pid},`);
    await waitFor(() => (ssNone() ? true : undefined));
    // Two refreshes later the table no longer holds the sockets; the counters must not have moved back.
    await new Promise((r) => setTimeout(r, 600));
    const after = parseSamples((await request(s.url)).body);
    expect(valueOf(after, METRICS.bytesSent.name, at)).toBe(150_000);
    expect(valueOf(after, METRICS.bytesReceived.name, at)).toBe(150_000);
  });

  it('counts connections that end by their last state, and the transitions on the way', async () => {
    const s = await serve({ listen: '127.0.0.1:0' });
    const read = async () => parseSamples((await request(s.url)).body);
    // Closes come from the kernel's destroy events and transitions from the trace when those are on here.
    const st = await tc.core.call('collector:status', {});
    const closeSource = st.closes === 'kernel' ? 'kernel' : 'observed';
    const stepSource = st.transitions === 'trace' ? 'trace' : 'observed';
    const closed = (m: ReturnType<typeof parseSamples>) =>
      valueOf(m, METRICS.closed.name, { final_state: 'ESTABLISHED', source: closeSource }) ?? 0;
    const server = net.createServer((c) => c.on('error', () => {}));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const before = closed(await read());
    const clients = await Promise.all(
      Array.from(
        { length: 5 },
        () =>
          new Promise<net.Socket>((resolve) => {
            const c = net.connect(portOf(server), '127.0.0.1', () => resolve(c));
          }),
      ),
    );
    // Seen established by at least one refresh, then reset (RST: no TIME_WAIT on either side).
    await new Promise((r) => setTimeout(r, 700));
    for (const c of clients) c.resetAndDestroy();
    // Both ends of each connection go from ESTABLISHED straight to gone.
    const after = await waitFor(async () => {
      const m = await read();
      return closed(m) >= before + 10 ? m : undefined;
    });
    expect(
      valueOf(after, METRICS.transitions.name, { from: 'ESTABLISHED', to: 'GONE', source: stepSource }),
    ).toBeGreaterThanOrEqual(10);
    server.close();
  });
});
