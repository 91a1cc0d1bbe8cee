// `netinspect serve` as user nobody (setpriv), with a Chromium page on it: the need-elevation paths of the UI.
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NOBODY } from '../electron/test-support/nobody';
import { ROOT } from './fixtures';

/** Why this machine cannot run a server as another user, or null when it can (root with setpriv). */
export function unprivilegedUnavailable(): string | null {
  if (process.getuid?.() !== 0) return 'needs root to start a process as nobody';
  if (spawnSync('setpriv', ['--version']).status !== 0) return 'setpriv is not installed';
  return null;
}

/** The unprivileged server and a page on it. */
export interface Unprivileged {
  readonly page: Page;
  close(): Promise<void>;
}

/** Starts `netinspect serve` as nobody with no capabilities, and opens its URL in a fresh Chromium. */
export async function openUnprivileged(): Promise<Unprivileged> {
  const configDir = mkdtempSync(path.join(os.tmpdir(), 'netinspect-nobody-'));
  // nobody must be able to write its settings there.
  chmodSync(configDir, 0o777);
  const cli = path.join(ROOT, 'bin', 'netinspect.cjs');
  const [cmd, ...args] = [...NOBODY, process.execPath, cli, 'serve', '--port', '0'];
  const child: ChildProcess = spawn(cmd, args, {
    env: { ...process.env, NETINSPECT_CONFIG_DIR: configDir, HOME: configDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout?.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.includes('\n')) resolve(buf.slice(0, buf.indexOf('\n')).trim());
    });
    void exited.then(() => reject(new Error(`unprivileged serve exited: ${buf}`)));
  });
  const browser: Browser = await chromium.launch({
    executablePath: process.env.NETINSPECT_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await page.goto(url);
  return {
    page,
    async close() {
      await browser.close();
      child.kill('SIGTERM');
      await exited;
      rmSync(configDir, { recursive: true, force: true });
    },
  };
}
