// Browser mode answers every request with the page's security headers, errors included, and never serves source maps.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServe } from '../test-support/net-fixtures';

const SECURITY = ['content-security-policy', 'x-content-type-options', 'referrer-policy', 'x-frame-options'] as const;

/** One raw HTTP answer (http.request, so Host and method can be anything a client may send). */
function ask(
  url: URL,
  pathAndQuery: string,
  options: { method?: string; host?: string } = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: url.port,
        path: pathAndQuery,
        method: options.method ?? 'GET',
        headers: { host: options.host ?? url.host },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const builtMap = (): string | undefined =>
  fs.readdirSync(path.join(ROOT, 'out', 'renderer', 'assets')).find((f) => f.endsWith('.js.map'));

describe('netinspect serve headers and files', () => {
  let child: ChildProcess;
  let url: URL;
  let configDir: string;
  let page: http.IncomingHttpHeaders;

  beforeAll(async () => {
    configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-headers-'));
    ({ child, url } = await startServe({ NETINSPECT_CONFIG_DIR: configDir }));
    const ok = await ask(url, `/?token=${url.searchParams.get('token')}`);
    expect(ok.status).toBe(200);
    page = ok.headers;
  });

  afterAll(() => {
    child?.kill('SIGTERM');
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it.each([
    ['403 (no token)', '/', {}, 403],
    ['404 (no such file)', '/no-such-file.js', {}, 404],
    ['400 (malformed escape)', '/%E0%A4%A', {}, 400],
    ['405 (POST)', '/', { method: 'POST' }, 405],
    ['421 (foreign Host, DNS rebinding)', '/', { host: 'evil.example' }, 421],
  ] as const)('%s carries the same security headers as the page', async (_name, p, options, status) => {
    const r = await ask(url, p, options);
    expect(r.status).toBe(status);
    for (const h of SECURITY) expect(r.headers[h], h).toBe(page[h]);
    expect(page['x-frame-options']).toBe('DENY');
    expect(page['referrer-policy']).toBe('no-referrer');
    expect(page['x-content-type-options']).toBe('nosniff');
  });

  it('gives a browser refused the page a way to resume its tab, through a script served with the same headers', async () => {
    const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: url.port, path: '/', headers: { accept: 'text/html' } }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
        .on('error', reject);
    });
    expect(r.status).toBe(403);
    expect(r.body).toContain('<script src="/resume-session.js"></script>');
    const script = await ask(url, '/resume-session.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.body).toContain('sessionStorage');
    expect(script.body).not.toContain(url.searchParams.get('token') ?? '-');
    for (const h of SECURITY) expect(script.headers[h], h).toBe(page[h]);
  });

  it.skipIf(builtMap() === undefined)(
    'never serves a source map, though the build wrote one beside the script',
    async () => {
      const map = builtMap() ?? '';
      expect(fs.existsSync(path.join(ROOT, 'out', 'renderer', 'assets', map))).toBe(true);
      const script = await ask(url, `/assets/${map.replace(/\.map$/, '')}`);
      expect(script.status).toBe(200);
      const r = await ask(url, `/assets/${map}`);
      expect(r.status).toBe(404);
      expect(r.body).not.toContain('"mappings"');
      for (const h of SECURITY) expect(r.headers[h], h).toBe(page[h]);
      // Nor under another spelling of the same path.
      expect((await ask(url, `/assets/${encodeURIComponent(map).replace('.map', '%2Emap')}`)).status).toBe(404);
    },
  );
});
