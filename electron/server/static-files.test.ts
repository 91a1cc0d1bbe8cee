import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStatic } from './static-files';

const root = path.resolve('/srv/renderer');
const page = path.join(root, 'index.html');

describe('resolveStatic', () => {
  it('maps / and every spelling of index.html to the page, which needs the token', () => {
    for (const p of ['/', '/index.html', '/index.html/', '//index.html', '/%69ndex.html', '/assets/../index.html']) {
      expect(resolveStatic(root, p), p).toEqual({ file: page, isPage: true });
    }
  });

  it('serves assets inside the root as non-page files', () => {
    expect(resolveStatic(root, '/assets/app.js')).toEqual({ file: path.join(root, 'assets', 'app.js'), isPage: false });
  });

  it('never leaves the root', () => {
    for (const p of ['/../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/../../secret']) {
      const t = resolveStatic(root, p);
      if ('file' in t) expect(t.file.startsWith(root + path.sep), p).toBe(true);
      else expect(t.status, p).toBe(404);
    }
  });

  it('answers 400 to malformed escapes and NUL bytes instead of throwing', () => {
    expect(resolveStatic(root, '/%E0%A4%A')).toEqual({ status: 400 });
    expect(resolveStatic(root, '/index.html%00.js')).toEqual({ status: 400 });
  });
});

describe('resolveStatic and source maps', () => {
  it('answers 404 to a source map, whatever its spelling, and still serves the script beside it', () => {
    for (const p of ['/assets/app.js.map', '/assets/app.js.MAP', '/assets/app.js%2Emap', '/index.css.map']) {
      expect(resolveStatic(root, p), p).toEqual({ status: 404 });
    }
    expect(resolveStatic(root, '/assets/app.js')).toEqual({ file: path.join(root, 'assets', 'app.js'), isPage: false });
  });
});
