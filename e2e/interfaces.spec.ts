// Interfaces view and TAP wizard through the real UI against `netinspect serve` (root): create, see, remove.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const NAME = 'nitest7';
const asRoot = process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/dev/net/tun');

function removeTestLink(): void {
  if (existsSync(`/sys/class/net/${NAME}`)) execFileSync('ip', ['link', 'del', NAME], { stdio: 'ignore' });
}
test.afterEach(removeTestLink);
test.afterAll(removeTestLink);

async function openInterfaces(page: Page) {
  await page.getByRole('tab', { name: 'Interfaces' }).click();
  const table = page.getByRole('table', { name: 'Network interfaces' });
  await expect(table).toHaveAttribute('aria-busy', 'false');
  return table;
}

test('the interfaces view lists lo as loopback, and refuses to remove it with the reason', async ({ app: page }) => {
  const table = await openInterfaces(page);
  const lo = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'lo', exact: true }) });
  await expect(lo).toContainText('Loopback');
  await expect(lo).toContainText('127.0.0.1/8');
  await lo.getByRole('button', { name: 'Remove lo…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove adapter lo?' });
  await expect(dialog.getByRole('status')).toHaveText('netinspect only removes TAP/TUN adapters: lo is Loopback.');
  await expect(dialog.getByRole('button', { name: 'Remove', exact: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toHaveCount(0);
});

test('the wizard creates a TAP, the view shows it, and removing it makes it disappear', async ({ app: page }) => {
  test.skip(!asRoot, 'needs root and /dev/net/tun');
  const table = await openInterfaces(page);
  await page.getByRole('button', { name: 'Create TAP/TUN adapter…' }).click();
  const wizard = page.getByRole('dialog', { name: 'Create a virtual adapter' });
  const next = wizard.getByRole('button', { name: 'Next' });

  await expect(wizard.getByRole('radio', { name: /^TAP/ })).toBeChecked();
  await next.click();

  const name = wizard.getByRole('textbox', { name: 'Adapter name' });
  await name.fill('bad/name');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard).toContainText('may only contain letters, digits, -, _ and .');
  await expect(next).toBeDisabled();
  await name.fill('lo');
  await expect(wizard).toContainText('An interface named "lo" already exists');
  await name.fill(NAME);
  await expect(name).toHaveAttribute('aria-invalid', 'false');
  await next.click();

  await wizard.getByRole('textbox', { name: 'Owner user (optional)' }).fill('nobody');
  await next.click();
  await wizard.getByRole('textbox', { name: 'IPv4 address/prefix (optional)' }).fill('10.233.0.1/24');
  await wizard.getByRole('textbox', { name: 'IPv6 address/prefix (optional)' }).fill('fd00:233::1/64');
  await next.click();
  const mtu = wizard.getByRole('textbox', { name: 'MTU (optional)' });
  await mtu.fill('20');
  await expect(wizard).toContainText('MTU 20 is out of range');
  await expect(next).toBeDisabled();
  await mtu.fill('1400');
  await expect(wizard.getByRole('checkbox', { name: 'Bring the adapter up now' })).toBeChecked();
  await next.click();

  await expect(wizard.getByRole('definition')).toContainText(['TAP', NAME, 'nobody']);
  await wizard.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard.getByRole('status')).toHaveText(`Adapter ${NAME} created`);
  await expect(wizard).toContainText('10.233.0.1/24, fd00:233::1/64');
  await wizard.getByRole('button', { name: 'Done' }).click();
  await expect(wizard).toHaveCount(0);

  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: NAME, exact: true }) });
  await expect(row).toContainText('TAP');
  await expect(row).toContainText('1400');
  await expect(row).toContainText('owner nobody');
  expect(existsSync(`/sys/class/net/${NAME}`)).toBe(true);

  await row.getByRole('button', { name: `Remove ${NAME}…` }).click();
  const confirm = page.getByRole('dialog', { name: `Remove adapter ${NAME}?` });
  await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row).toHaveCount(0);
  expect(existsSync(`/sys/class/net/${NAME}`)).toBe(false);
});
