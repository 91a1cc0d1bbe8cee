// One fixture for every spec: the app in Electron where its binary exists, else `netinspect serve` in Chromium.
import { test as base, _electron, chromium, expect, type BrowserContext, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnListener, stopListener, type ChildListener } from './child-listener';

/** Repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'netinspect.cjs');
/** Debian's Chromium; Playwright's own browsers cannot be downloaded here. */
const CHROMIUM = process.env.NETINSPECT_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A running `netinspect serve`. */
export interface Served {
  readonly url: URL;
  readonly port: number;
  readonly token: string;
}

/** Where the app runs: a Chromium context on the served URL, or an Electron window. */
interface Target {
  readonly kind: 'browser' | 'electron';
  /** Opens a fresh view of the app, ready for one test. */
  open(): Promise<Page>;
  close(): Promise<void>;
}

/** Path of the Electron binary if the electron package has one on disk (never on machines that cannot download it). */
function electronBinary(): string | null {
  try {
    const bin: unknown = createRequire(import.meta.url)('electron');
    return typeof bin === 'string' && existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

function tempDir(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Starts `netinspect serve --port 0` and reads the one URL line it prints. */
async function startServe(configDir: string): Promise<{ child: ChildProcess; served: Served }> {
  if (!existsSync(path.join(ROOT, 'out', 'node', 'cli.cjs'))) throw new Error('Not built: run `npm run build` first.');
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
    env: { ...process.env, NETINSPECT_CONFIG_DIR: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`serve printed no URL in time: ${buf}`)), 20_000);
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve(buf.slice(0, nl).trim());
    });
    child.once('exit', (code) => reject(new Error(`serve exited early with code ${code}`)));
  });
  const url = new URL(line);
  return { child, served: { url, port: Number(url.port), token: url.searchParams.get('token') ?? '' } };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}

async function browserTarget(served: Served): Promise<Target> {
  const userDataDir = tempDir('netinspect-chromium-');
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: 1440, height: 860 },
  });
  return {
    kind: 'browser',
    async open() {
      const page = await context.newPage();
      await page.goto(served.url.href);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

async function electronTarget(configDir: string): Promise<Target> {
  const app = await _electron.launch({ args: [ROOT], env: { ...process.env, NETINSPECT_CONFIG_DIR: configDir } });
  const window = await app.firstWindow();
  return {
    kind: 'electron',
    async open() {
      // One window for all tests: reload it so each test starts from a fresh renderer state.
      await window.reload();
      return window;
    },
    close: () => app.close(),
  };
}

interface WorkerFixtures {
  /** A `netinspect serve` of its own (browser target, and the token tests in either mode). */
  served: Served;
  target: Target;
}

interface TestFixtures {
  /** The app, loaded; wait for `appReady` before reading the grid. */
  app: Page;
  /** A TCP listener of this test process on 127.0.0.1, closed with what it accepted once the test ends. */
  listener: Listener;
  /** A child process listening on 127.0.0.1, ended once the test ends unless the test ended it. */
  childListener: ChildListener;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  served: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixture args.
    async ({}, use) => {
      const configDir = tempDir('netinspect-config-');
      const { child, served } = await startServe(configDir);
      await use(served);
      await stopChild(child);
      rmSync(configDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  target: [
    async ({ served }, use) => {
      const electron = electronBinary();
      const configDir = tempDir('netinspect-electron-config-');
      const target = electron ? await electronTarget(configDir) : await browserTarget(served);
      await use(target);
      await target.close();
      rmSync(configDir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
  app: async ({ target }, use) => {
    const page = await target.open();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    // A CSP violation is a console error: catch any the strict policy would reject.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
    await use(page);
    if (target.kind === 'browser') await page.close();
    expect(pageErrors, 'errors in the page').toEqual([]);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixture args.
  listener: async ({}, use) => {
    const l = await listen();
    await use(l);
    await closeServer(l);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form for fixture args.
  childListener: async ({}, use) => {
    const l = await spawnListener();
    await use(l);
    await stopListener(l);
  },
});

export { expect };

/** The socket grid. */
export function grid(page: Page) {
  return page.getByRole('grid', { name: 'Sockets' });
}

/** Waits for the app-ready signal: the grid has its first snapshot. */
export async function appReady(page: Page): Promise<void> {
  await expect(grid(page)).toHaveAttribute('aria-busy', 'false');
}

/** A listener of this process and the connections it accepted. */
export interface Listener {
  readonly server: net.Server;
  readonly port: number;
  readonly accepted: net.Socket[];
}

/**
 * Opens a TCP listener on 127.0.0.1 at `port` (0: a random one); the peer side of accepted connections closes when
 * the client does.
 */
export async function listen(port = 0): Promise<Listener> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => {
    accepted.push(s);
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('listener has no port');
  return { server, port: address.port, accepted };
}

/** Connects to 127.0.0.1:port. */
export function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });
}

/** Closes a listener and every connection it accepted. */
export async function closeServer(l: Pick<Listener, 'server' | 'accepted'>): Promise<void> {
  for (const s of l.accepted) s.destroy();
  await new Promise<void>((resolve) => l.server.close(() => resolve()));
}
