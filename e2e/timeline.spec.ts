// Time travel in the window: after a recorded listener went away, dragging the timeline back shows its row again,
// marked as the past; "Back to live" returns to the live table, where it is gone.
import type { Page } from '@playwright/test';
import { appReady, closeServer, expect, grid, listen, test } from './fixtures';

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
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
  await expect(rowsWithCell(page, String(l.port))).toHaveCount(1);
  const opened = Date.now();
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
});

test('the settings bar shows that the app records, and its size', async ({ app: page }) => {
  await appReady(page);
  const settings = page.getByRole('group', { name: 'Settings' });
  await expect(settings.getByRole('checkbox', { name: 'Record' })).toBeChecked();
  await expect(settings.getByRole('status')).toHaveText(/^Recording · [\d.]+ (KiB|MiB|B)$/);
});
