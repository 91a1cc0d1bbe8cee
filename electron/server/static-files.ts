// Serves the built renderer: only files inside its folder, with strict security headers.
import fs from 'node:fs';
import path from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The CSP of browser mode; the same policy as the Electron window, plus the WebSocket back to this server. */
export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self' ${ws}`,
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers of every answer: the CSP above, no MIME sniffing, no referrer, never inside a frame. */
export function securityHeaders(origin: string): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(origin),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
}

/** Where a URL path leads inside `root`: a file (and whether it is the page), or the status to answer. */
export type StaticTarget = { readonly file: string; readonly isPage: boolean } | { readonly status: 400 | 404 };

/**
 * Resolves a URL path to a file under `root` without ever leaving it. Malformed escapes and NUL bytes answer 400;
 * anything outside `root`, and source maps (the build writes them for debugging; they hand out the whole source),
 * answer 404. `isPage` is decided on the resolved file, so `/index.html/`, `//index.html`
 * or `/%69ndex.html` are the page too (and need the token).
 */
export function resolveStatic(root: string, urlPath: string): StaticTarget {
  let rel: string;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return { status: 400 };
  }
  if (rel.includes('\0')) return { status: 400 };
  const page = path.join(root, 'index.html');
  let file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
  if (file === root) file = page;
  if (!file.startsWith(root + path.sep) || path.extname(file).toLowerCase() === '.map') return { status: 404 };
  return { file, isPage: file === page };
}

/** Writes a resolved file with the given headers, or answers 404. */
export function serveStatic(
  target: { readonly file: string; readonly isPage: boolean },
  res: ServerResponse,
  headers: Record<string, string>,
): void {
  const { file } = target;
  fs.readFile(file, (err, data) => {
    if (err) {
      res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      ...headers,
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': target.isPage ? 'no-store' : 'no-cache',
    });
    res.end(data);
  });
}
