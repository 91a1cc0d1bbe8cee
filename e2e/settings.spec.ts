// Settings through the real UI: the language switch translates the grid and persists across a reload.
import { appReady, expect, test } from './fixtures';

test('switching Language to 简体中文 translates the column headers, and it persists', async ({ app: page }) => {
  await appReady(page);
  await expect(page.getByRole('columnheader', { name: 'State', exact: true })).toBeVisible();
  try {
    await page.getByLabel('Language', { exact: true }).selectOption('zh-CN');
    await expect(page.getByRole('columnheader', { name: '状态', exact: true })).toBeVisible();
    await expect(page.getByRole('columnheader', { name: 'State', exact: true })).toHaveCount(0);
    await expect(page.getByRole('grid', { name: '套接字' })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('grid', { name: '套接字' })).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByRole('columnheader', { name: '状态', exact: true })).toBeVisible();
    await expect(page.getByLabel('语言', { exact: true })).toHaveValue('zh-CN');
  } finally {
    // Settings live in core: put English back for the tests that follow.
    await page.getByLabel(/^(Language|语言)$/).selectOption('en');
  }
  await expect(page.getByRole('columnheader', { name: 'State', exact: true })).toBeVisible();
});

test('Pause stops live refresh and Resume restarts it; Theme sets the document theme', async ({ app: page }) => {
  await appReady(page);
  const status = page.getByRole('status', { name: 'Collector status' });
  await expect(status).toContainText('Live');
  await page.getByRole('button', { name: /Pause/ }).click();
  await expect(status).toContainText('Paused');
  await expect(page.getByRole('button', { name: /Resume/ })).toBeVisible();
  await page.getByRole('button', { name: /Resume/ }).click();
  await expect(status).toContainText('Live');

  try {
    await page.getByLabel('Theme', { exact: true }).selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // A string expression: this file is type-checked without the DOM library.
    const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
    expect(background).not.toBe('rgb(255, 255, 255)');
  } finally {
    await page.getByLabel('Theme', { exact: true }).selectOption('system');
  }
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'system');
});
