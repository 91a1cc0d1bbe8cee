// Development: the renderer from Vite's dev server (hot reload), the Node side built once, then Electron.
// Set NETINSPECT_DEV_BROWSER=1 to run browser mode against the dev build instead of Electron.
import { spawn, execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { serviceNames } from './service-names.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'node', 'preload'], { stdio: 'inherit' });

const { default: react } = await import('@vitejs/plugin-react');
const server = await createServer({
  configFile: false,
  root: path.join(root, 'renderer'),
  plugins: [
    react(),
    serviceNames(),
    {
      // React Refresh injects an inline preamble in dev only; the built app keeps the strict CSP.
      name: 'netinspect-dev-csp',
      transformIndexHtml: (html) => html.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"),
    },
  ],
  server: { host: '127.0.0.1', port: 5173, strictPort: false },
});
await server.listen();
const url = server.resolvedUrls?.local[0] ?? 'http://127.0.0.1:5173/';
const electron = (await import('electron')).default;
const child = spawn(String(electron), [root], { stdio: 'inherit', env: { ...process.env, NETINSPECT_DEV_URL: url } });
child.on('exit', async (code) => {
  await server.close();
  process.exit(code ?? 0);
});
