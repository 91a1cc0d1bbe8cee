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
