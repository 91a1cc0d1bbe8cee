// Time travel in the window: after a recorded listener went away, dragging the timeline back shows its row again,
// marked as the past; "Back to live" returns to the live table, where it is gone.
import type { Page } from '@playwright/test';
import { appReady, closeServer, connect, expect, grid, listen, test } from './fixtures';

function rowsWithCell(page: Page, text: string) {
  return grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: text, exact: true }) });
}

/** Drags the slider's thumb from where it is to the position of time `t` (ms since epoch). */
async function dragTo(page: Page, t: number): Promise<void> {
  const slider = page.getByRole('slider', { name: 'Time in the recording' });
  const box = await slider.boundingBox();
  if (!box) throw new Error('the slider is not on screen');
  const min = Number(await slider.getAttribute('min'));
  const max = Number(await slider.getAttribute('max'));
  const value = Number(await slider.inputValue());
  const xOf = (v: number) => box.x + ((v - min) / (max - min)) * box.width;
  const y = box.y + box.height / 2;
  await page.mouse.move(xOf(value) - 2, y);
  await page.mouse.down();
  await page.mouse.move((xOf(value) + xOf(t)) / 2, y, { steps: 4 });
  await page.mouse.move(xOf(t), y, { steps: 4 });
  await page.mouse.up();
}

test('dragging the timeline back shows a listener that went away, marked as the past; back to live', async ({
  app: page,
}) => {
  await appReady(page);
  const bar = page.getByRole('region', { name: 'Timeline' });
  await expect(bar.getByRole('slider', { name: 'Time in the recording' })).toBeVisible({ timeout: 20_000 });
  const l = await listen();
  // Its listener only: the connection below leaves a TIME_WAIT on the same port for a minute.
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port} state:listen`);
  await expect(rowsWithCell(page, String(l.port))).toHaveCount(1);
  const opened = Date.now();
  // A connection that opens and closes before the time travelled to: the past Connections log has it.
  const client = await connect(l.port);
  const clientPort = client.localPort ?? 0;
  await new Promise<void>((r) => client.end(r));
  await page.waitForTimeout(6000);
  const closedAt = Date.now();
  await closeServer(l);
  // Gone from the live table (after its closed row lingered).
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '0', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Back to live' })).toHaveCount(0);

  await dragTo(page, Math.round((opened + closedAt) / 2));
  const past = page.getByRole('grid', { name: /^Sockets as of \d\d:\d\d:\d\d$/ });
  await expect(past).toBeVisible();
  const row = rowsWithCell(page, String(l.port));
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('gridcell', { name: 'LISTEN', exact: true })).toBeVisible();
  await expect(row.getByRole('gridcell', { name: String(process.pid), exact: true })).toBeVisible();
  await expect(bar.getByRole('status')).toHaveText(/^Viewing \d\d:\d\d:\d\d/);

  // The other views show the same moment: the Connections log from the recording, Processes from the table then.
  await page.getByRole('tab', { name: 'Connections', exact: true }).click();
  await expect(page.getByText(/^From the recording: [\d,]+ connections closed from \d\d:\d\d:\d\d to /)).toBeVisible();
  await page.getByLabel('Filter', { exact: true }).fill(`:${clientPort}`);
  const closedGrid = page.getByRole('grid', { name: 'Closed connections' });
  await expect(
    closedGrid.getByRole('gridcell', { name: `127.0.0.1:${clientPort}`, exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('tab', { name: 'Processes' }).click();
  await expect(page.getByText(/^As recorded at \d\d:\d\d:\d\d: rates over the refresh/)).toBeVisible();
  const processes = page.getByRole('table', { name: 'Processes', exact: true });
  const ours = processes.getByRole('row').filter({ hasText: String(process.pid) });
  await expect(ours).toContainText(String(l.port));
  await page.getByRole('button', { name: new RegExp(`^Actions for .* \\(${process.pid}\\)$`) }).click();
  await expect(
    page.getByRole('menu', { name: 'Process actions' }).getByRole('menuitem', { name: 'Kill process…' }),
  ).toBeDisabled();
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Sockets', exact: true }).click();

  // One tick back with the keyboard stays in the past; then back to live.
  const slider = bar.getByRole('slider', { name: 'Time in the recording' });
  const before = Number(await slider.inputValue());
  await page.keyboard.press('Alt+ArrowLeft');
  await expect.poll(async () => Number(await slider.inputValue())).toBeLessThan(before);
  await expect(bar.getByRole('status')).toHaveText(/^Viewing/);
  await expect(row).toHaveCount(1);
  await page.getByRole('button', { name: 'Back to live' }).click();
  await expect(page.getByRole('grid', { name: 'Sockets', exact: true })).toBeVisible();
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '0');
  await expect(page.getByRole('button', { name: 'Back to live' })).toHaveCount(0);
  // The live log again, with its source line.
  await page.getByRole('tab', { name: 'Connections', exact: true }).click();
  await expect(page.getByText(/^From the recording:/)).toHaveCount(0);
});

test('the settings bar shows that the app records, and its size', async ({ app: page }) => {
  await appReady(page);
  const settings = page.getByRole('group', { name: 'Settings' });
  await expect(settings.getByRole('checkbox', { name: 'Record' })).toBeChecked();
  await expect(settings.getByRole('status')).toHaveText(/^Recording · [\d.]+ (KiB|MiB|B)$/);
});
