// Process actions through the real UI: the row menu (mouse and keyboard), kill with its outcomes, process details.
import type { Page } from '@playwright/test';
import type { ChildListener } from './child-listener';
import { appReady, closeServer, connect, expect, grid, listen, test } from './fixtures';
import { openUnprivileged, unprivilegedUnavailable } from './unprivileged-serve';

/** Narrows the grid to the listener on `port` and returns its one row. */
async function listenerRow(page: Page, port: number) {
  await page.getByLabel('Filter', { exact: true }).fill(`:${port} state:listen`);
  const row = grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: String(port), exact: true }) });
  await expect(row).toHaveCount(1);
  return row;
}

/** Right-clicks the listener row of `port` and picks a menu item. */
async function chooseFromRowMenu(page: Page, port: number, item: string): Promise<void> {
  const row = await listenerRow(page, port);
  await row.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Row actions' });
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
  await expect(menu).toHaveCount(0);
}

const killDialog = (page: Page, pid: number) =>
  page.getByRole('dialog', { name: new RegExp(`^Kill .+ \\(${pid}\\)\\?$`) });

/** Once the app is ready, picks Kill process… on the child's listener: the confirmation that opens. */
async function openKillDialog(page: Page, l: ChildListener) {
  await appReady(page);
  await chooseFromRowMenu(page, l.port, 'Kill process…');
  return killDialog(page, l.pid);
}

test('Kill process… on a child’s listener ends the child, and its rows leave the table', async ({
  app: page,
  childListener: l,
}) => {
  const dialog = await openKillDialog(page, l);
  // The dialog names what the process holds, from process:details.
  await expect(dialog).toContainText(`Listening on tcp 127.0.0.1:${l.port}`);
  await expect(dialog.getByRole('checkbox', { name: 'Force' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Kill', exact: true }).click();

  expect(await l.exited).toBe('SIGTERM');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: `(${l.pid}) terminated` })).toBeVisible();
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '0');
});

test('a process that exits between menu and confirm shows "already exited", not an error', async ({
  app: page,
  childListener: l,
}) => {
  const dialog = await openKillDialog(page, l);
  const kill = dialog.getByRole('button', { name: 'Kill', exact: true });
  await expect(kill).toBeEnabled();

  l.child.kill('SIGKILL');
  await l.exited;
  await kill.click();

  await expect(dialog.getByRole('status')).toHaveText(new RegExp(`\\(${l.pid}\\) has already exited\\.`));
  await expect(dialog.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(kill).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(dialog).toHaveCount(0);
});

test('killing netinspect’s own server is refused with its reason, and offers no Kill', async ({
  app: page,
  target,
}) => {
  test.skip(target.kind === 'electron', 'the served port is the browser-mode server');
  await appReady(page);
  const port = Number(new URL(page.url()).port);
  await chooseFromRowMenu(page, port, 'Kill process…');
  const dialog = page.getByRole('dialog', { name: /^Kill .+\?$/ });
  const refusal = dialog.getByRole('region', { name: 'Cannot kill this process' });
  await expect(refusal).toContainText('part of netinspect itself');
  await expect(dialog.getByRole('button', { name: 'Kill', exact: true })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('keyboard: Shift+F10 opens the row menu, arrows move, Escape closes it and returns to the row', async ({
  app: page,
  listener: l,
}) => {
  await appReady(page);
  await listenerRow(page, l.port);
  const table = grid(page);
  await table.focus();
  await page.keyboard.press('ArrowDown');
  await expect(table).toHaveAttribute('aria-activedescendant', 'socket-row-0');

  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Row actions' });
  await expect(menu.getByRole('menuitem', { name: 'Kill process…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  // Not for a listener: disabled, still reachable, with the reason.
  const close = menu.getByRole('menuitem', { name: 'Close connection…' });
  await expect(close).toBeFocused();
  await expect(close).toHaveAttribute('aria-disabled', 'true');
  await expect(close).toHaveAccessibleDescription(/listener is not a connection/);
  await page.keyboard.press('End');
  await expect(menu.getByRole('menuitem', { name: 'Process details…' })).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(table).toBeFocused();
  await expect(table).toHaveAttribute('aria-activedescendant', 'socket-row-0');

  // The menu key does the same; Enter picks "Filter to this process", which sets the Filter box.
  await page.keyboard.press('ContextMenu');
  await expect(menu).toBeVisible();
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Filter to this process' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveCount(0);
  await expect(page.getByLabel('Filter', { exact: true })).toHaveValue(`pid:${process.pid}`);
  await expect(table).toBeFocused();
});

test('Process details… of a child show its command line, parent and listener', async ({
  app: page,
  childListener: l,
}) => {
  await appReady(page);
  await chooseFromRowMenu(page, l.port, 'Process details…');
  const dialog = page.getByRole('dialog', { name: new RegExp(`^Process details: .+ \\(${l.pid}\\)$`) });
  await expect(dialog).toContainText("require('net').createServer()");
  await expect(dialog).toContainText(`(${process.pid})`);
  const sockets = dialog.getByRole('table', { name: 'Sockets of this process' });
  const row = sockets.getByRole('row').filter({ has: page.getByRole('cell', { name: `127.0.0.1:${l.port}` }) });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('cell', { name: 'LISTEN' })).toBeVisible();

  // Kill from the details: the kill dialog takes over, for the same process.
  await dialog.getByRole('button', { name: 'Kill process…' }).click();
  await expect(killDialog(page, l.pid)).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(l.child.exitCode).toBeNull();
});

test('Close connection… resets one connection the test opened; its process keeps running', async ({
  app: page,
  listener: l,
}) => {
  const client = await connect(l.port);
  const clientClosed = new Promise<void>((resolve) => client.once('close', () => resolve()));
  client.on('error', () => undefined);
  try {
    await appReady(page);
    const clientPort = client.localPort ?? 0;
    await page.getByLabel('Filter', { exact: true }).fill(`:${clientPort} state:established`);
    // The client's own socket: its local port is the one the OS gave it.
    const row = grid(page)
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell', { name: String(clientPort), exact: true }) })
      .filter({ hasText: new RegExp(`127\\.0\\.0\\.1\\s*${clientPort}\\s*127\\.0\\.0\\.1\\s*${l.port}`) });
    await expect(row).toHaveCount(1);
    await row.click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Close connection…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this connection?' });
    await expect(dialog).toContainText(`127.0.0.1:${clientPort} → 127.0.0.1:${l.port}`);
    await dialog.getByRole('button', { name: 'Close connection', exact: true }).click();

    const outcome = await Promise.race([
      dialog.waitFor({ state: 'detached' }).then(() => 'closed' as const),
      dialog
        .getByRole('alert')
        .waitFor()
        .then(() => 'refused' as const),
    ]);
    if (outcome === 'refused') {
      // A kernel without CONFIG_INET_DIAG_DESTROY: the dialog must say so rather than pretend.
      await expect(dialog.getByRole('alert')).toContainText('CONFIG_INET_DIAG_DESTROY');
      test.skip(true, 'this kernel cannot close single connections (no CONFIG_INET_DIAG_DESTROY)');
    }
    await clientClosed;
    await expect(
      page.getByRole('status').filter({ hasText: `Connection 127.0.0.1:${clientPort} → 127.0.0.1:${l.port} closed` }),
    ).toBeVisible();
    expect(l.server.listening).toBe(true);
  } finally {
    client.destroy();
  }
});

test('as an unprivileged user, closing root’s connection needs elevation, and the window says how', async () => {
  const why = unprivilegedUnavailable();
  test.skip(why !== null, why ?? '');
  const l = await listen();
  const client = await connect(l.port);
  client.on('error', () => undefined);
  const u = await openUnprivileged();
  try {
    const page = u.page;
    await appReady(page);
    // Owners of root's sockets are hidden from nobody: the status bar says so and offers elevation or the reason.
    const status = page.getByRole('status', { name: 'Collector status' });
    await expect(status).toContainText('without administrator rights');
    await expect(
      status.getByRole('button', { name: 'Show all owners (administrator)' }).or(status.getByText(/run netinspect/)),
    ).toBeVisible();

    await page.getByLabel('Filter', { exact: true }).fill(`:${client.localPort} state:established`);
    const row = grid(page)
      .getByRole('row')
      .filter({ hasText: new RegExp(`127\\.0\\.0\\.1${client.localPort}127\\.0\\.0\\.1${l.port}`) });
    await expect(row).toHaveCount(1);
    await row.click({ button: 'right' });
    const menu = page.getByRole('menu', { name: 'Row actions' });
    await expect(menu.getByRole('menuitem', { name: 'Kill process…' })).toHaveAttribute('aria-disabled', 'true');
    await menu.getByRole('menuitem', { name: 'Close connection…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Close this connection?' });
    await dialog.getByRole('button', { name: 'Close connection', exact: true }).click();
    const alert = dialog.getByRole('alert');
    await expect(alert).toContainText('retry as administrator');
    await expect(
      alert.getByRole('button', { name: 'Retry as administrator' }).or(alert.getByText(/run netinspect/)),
    ).toBeVisible();
    expect(client.destroyed).toBe(false);
  } finally {
    await u.close();
    client.destroy();
    await closeServer(l);
  }
});
