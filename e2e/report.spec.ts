// Report export from the window (browser mode: a download the test parses), the HTML report opened offline from
// disk, and the Tools tab's who-owns-port on a listener the test holds.
import { chromium } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, appReady, closeServer, expect, listen, test } from './fixtures';

test('Ctrl+E opens Export report; exporting JSON downloads a file that parses as netinspect.report/1', async ({
  app: page,
}) => {
  await appReady(page);
  await page.keyboard.press('Control+e');
  const dialog = page.getByRole('dialog', { name: 'Export report' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Format').selectOption('json');
  await dialog.getByRole('radio', { name: 'Snapshot and history window' }).check();
  const downloading = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^netinspect-.*\.json$/);
  const file = await download.path();
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    schema: string;
    window: { name: string } | null;
    snapshot: { sockets: unknown[] };
    summary: { sockets: number };
  };
  expect(report.schema).toBe('netinspect.report/1');
  expect(report.window?.name).toBe('10m');
  expect(report.snapshot.sockets.length).toBe(report.summary.sockets);
  expect(report.summary.sockets).toBeGreaterThan(0);
  await expect(dialog.getByRole('status')).toContainText('Saved');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the HTML report renders completely from disk with the network blocked, and requests nothing', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-html-'));
  const file = path.join(dir, 'report.html');
  const held = await listen();
  try {
    execFileSync(
      process.execPath,
      [
        path.join(ROOT, 'bin', 'netinspect.cjs'),
        'report',
        '--format',
        'html',
        '--window',
        '60s',
        '--ticks',
        '4',
        '--interval',
        '500ms',
        '-o',
        file,
      ],
      { stdio: 'ignore' },
    );
    const browser = await chromium.launch({
      executablePath: process.env.NETINSPECT_CHROMIUM ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    });
    try {
      const context = await browser.newContext();
      const requests: string[] = [];
      context.on('request', (r) => {
        if (!r.url().startsWith('file://')) requests.push(r.url());
      });
      await context.route('**/*', (route) =>
        route.request().url().startsWith('file://') ? route.continue() : route.abort('blockedbyclient'),
      );
      const page = await context.newPage();
      await page.goto(`file://${file}`);
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Network report');
      for (const h of ['Summary', 'Findings', 'Top processes', 'Kernel settings', 'Network interfaces']) {
        await expect(page.getByRole('heading', { name: h, exact: true })).toBeVisible();
      }
      await expect(page.getByRole('img', { name: 'Sockets per state', exact: true })).toBeVisible();
      await expect(page.getByRole('img', { name: 'Sockets per state over the window' })).toBeVisible();
      await expect(page.getByRole('cell', { name: `127.0.0.1:${held.port}`, exact: true }).first()).toBeVisible();
      const rows = await page.locator('table').last().locator('tbody tr').count();
      await expect(page.getByRole('heading', { name: `All sockets (${rows})` })).toBeVisible();
      await page.screenshot({ path: path.join(ROOT, 'test-results', 'report-html.png'), fullPage: false });
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  } finally {
    await closeServer(held);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('Tools: who owns a port lists the listener this test holds, with Kill', async ({ app: page }) => {
  await appReady(page);
  const held = await listen();
  try {
    await page.getByRole('tab', { name: 'Tools' }).click();
    const panel = page.getByRole('region', { name: 'Who owns a port' });
    await panel.getByLabel('Port').fill(String(held.port));
    await panel.getByRole('button', { name: 'Look up' }).click();
    const table = panel.getByRole('table', { name: `Sockets on port ${held.port}` });
    await expect(table.getByRole('row').filter({ hasText: 'LISTEN' })).toHaveCount(1);
    await expect(table.getByRole('button', { name: 'Kill…' })).toBeVisible();
  } finally {
    await closeServer(held);
    await page.getByRole('tab', { name: 'Sockets' }).click();
  }
});
