// The Processes view and host names through the real UI: a sender the test starts shows with a non-zero rate,
// expands to its connection and filters the Sockets table to itself; a shared listener's worker is told to kill the
// master; a name the test puts in /etc/hosts (restored after) shows in the Sockets table once resolving is on.
import type { Page } from '@playwright/test';
import net from 'node:net';
import { spawnSharedListener, stopAll } from '../electron/test-support/child-fixtures';
import { addHostsEntry, canEditHosts } from '../electron/test-support/hosts-entry';
import { spawnPacedSender, spawnSink, stopTrafficChildren } from '../electron/test-support/traffic-fixtures';
import { appReady, expect, grid, test } from './fixtures';

test.afterAll(() => {
  stopTrafficChildren();
  stopAll();
});

/** A listener on `address` (an address of its own in 127/8) that keeps what it accepts, to close them after. */
async function listenOn(address: string): Promise<{ server: net.Server; port: number; accepted: net.Socket[] }> {
  const accepted: net.Socket[] = [];
  const server = net.createServer((s) => accepted.push(s.on('error', () => undefined)));
  await new Promise<void>((resolve) => server.listen(0, address, resolve));
  const a = server.address();
  if (a === null || typeof a === 'string') throw new Error('listener has no port');
  return { server, port: a.port, accepted };
}

function connectTo(port: number, address: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, address, () => resolve(s));
    s.once('error', reject);
  });
}

async function openProcesses(page: Page) {
  await appReady(page);
  await page.getByRole('tab', { name: 'Processes' }).click();
  return page.getByRole('table', { name: 'Processes', exact: true });
}

test('the Processes view shows a sender’s rate, its connection, and filters the Sockets table to it', async ({
  app: page,
}) => {
  const sink = await spawnSink();
  const sender = await spawnPacedSender({ port: sink.port, bytesPerSec: 1_000_000, seconds: 120 });
  try {
    const table = await openProcesses(page);
    const expand = page.getByRole('button', { name: `Show connections of node (${sender.pid})` });
    const row = table.getByRole('row').filter({ has: expand });
    // About 1 MB/s: some KiB/s or MiB/s, never 0 B/s, once two refreshes have seen the connection.
    await expect(row).toContainText(/[1-9][\d.]* (KiB|MiB)\/s/);

    await expand.click();
    const connections = page.getByRole('table', { name: `Connections of node (${sender.pid})` });
    await expect(connections.getByRole('row').filter({ hasText: `127.0.0.1:${sink.port}` })).toHaveCount(1);
    await expect(connections).toContainText('ESTABLISHED');

    await page.getByRole('button', { name: `Actions for node (${sender.pid})` }).click();
    await page
      .getByRole('menu', { name: 'Process actions' })
      .getByRole('menuitem', { name: 'Filter to this process' })
      .click();
    await expect(page.getByRole('tab', { name: 'Sockets' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Filter', { exact: true })).toHaveValue(`pid:${sender.pid}`);
    await expect(grid(page)).toHaveAttribute('aria-rowcount', '1');
    await expect(grid(page).getByRole('gridcell', { name: String(sender.localPort), exact: true })).toBeVisible();
  } finally {
    sender.child.kill('SIGKILL');
    sink.child.kill('SIGKILL');
  }
});

test('killing a worker of a shared listener offers its master instead', async ({ app: page }) => {
  const shared = await spawnSharedListener(2);
  const worker = Math.max(...shared.workers);
  await openProcesses(page);
  await page.getByRole('button', { name: `Actions for node (${worker})` }).click();
  await page.getByRole('menu', { name: 'Process actions' }).getByRole('menuitem', { name: 'Kill process…' }).click();
  const dialog = page.getByRole('dialog', { name: `Kill node (${worker})?` });
  // The note's master, name and pid, first: a master named or numbered otherwise fails here with the text shown,
  // not as a timeout on the click.
  await expect(dialog).toContainText(
    `Killing a worker does not free port ${shared.port}: its master node (${shared.parent}) and the other workers`,
  );
  await dialog.getByRole('button', { name: `Kill the master node (${shared.parent})…` }).click();
  const master = page.getByRole('dialog', { name: `Kill node (${shared.parent})?` });
  await expect(master).toBeVisible();
  await expect(master).not.toContainText('Killing a worker');
  await master.getByRole('button', { name: 'Cancel' }).click();
});

const editable = canEditHosts();

test('with Resolve addresses on, a remote address named in the hosts file shows by name', async ({ app: page }) => {
  test.skip(!editable, 'needs a writable /etc/hosts (root on Linux) to give a loopback address a name');
  const address = '127.0.0.79';
  const name = 'ni-e2e-peer.internal';
  const restore = addHostsEntry(address, name);
  const l = await listenOn(address);
  const first = await connectTo(l.port, address);
  const resolve = page.getByRole('checkbox', { name: 'Resolve addresses' });
  try {
    await appReady(page);
    // The listener's own address and port: an ephemeral port may be shared with other connections on the machine.
    await page.getByLabel('Filter', { exact: true }).fill(`${address} :${l.port}`);
    await expect(grid(page)).toHaveAttribute('aria-rowcount', '3');
    await resolve.check();
    const named = grid(page).getByRole('gridcell', { name, exact: true });
    await expect(named).toBeVisible();
    await expect(named).toHaveAttribute('title', `${name} (${address})`);

    // A connection opened after turning it on gets its name from core's push, and the filter matches the name.
    const second = await connectTo(l.port, address);
    await page.getByLabel('Filter', { exact: true }).fill(`ni-e2e-peer :${l.port}`);
    // The listener and the accepted sockets have no remote named so: only the two clients' rows match.
    await expect(grid(page)).toHaveAttribute('aria-rowcount', '2');
    const secondRow = grid(page)
      .getByRole('row')
      .filter({ has: page.getByRole('gridcell', { name: String(second.localPort), exact: true }) });
    await expect(secondRow.getByRole('gridcell', { name, exact: true })).toBeVisible();
    second.destroy();
  } finally {
    if (await resolve.isChecked()) await resolve.uncheck();
    first.destroy();
    for (const a of l.accepted) a.destroy();
    await new Promise<void>((resolve) => l.server.close(() => resolve()));
    restore();
  }
});
