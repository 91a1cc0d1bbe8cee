// State analytics through the real UI: charts after real connections, a CLOSE_WAIT finding, a watched port's alert.
import type { Page } from '@playwright/test';
import { startLeakyServer, stopLeakyServer } from './close-wait-server';
import { appReady, connect, expect, grid, test } from './fixtures';

/**
 * Enough connections that their endpoint is among the largest transition groups of the window, and stays kept in
 * its history bucket through a wave of thousands of one-off endpoints (other tests' TIME_WAITs expiring): a bucket
 * keeps for sure every group of more than 1/256 of its events.
 */
const CONNECTIONS = 32;

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
}

test('the charts show sockets per state and the transitions of connections the test opened and closed', async ({
  app: page,
  listener: l,
}) => {
  await appReady(page);
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => connect(l.port)));
  // A refresh has seen them established (both ends, in the grid of the same tick the history records) before
  // they close.
  const filter = page.getByLabel('Filter', { exact: true });
  await filter.fill(`:${l.port} state:established`);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', String(CONNECTIONS * 2));
  await filter.fill('');

  await openTab(page, 'Charts');
  await page.getByLabel('Window', { exact: true }).selectOption('60s');
  await expect(page.getByRole('img', { name: 'Sockets per state, stacked area chart' })).toBeVisible();
  // As root with tracefs mounted every transition is traced; otherwise they are observed at each refresh.
  const note = page.getByText(
    /^(Traced: every TCP state transition, from the kernel\.|Observed at each refresh \(short-lived states can be missed\)\.)$/,
  );
  await expect(note).toBeVisible();
  const traced = ((await note.textContent()) ?? '').startsWith('Traced');

  // The legend table gives the chart's values as numbers: ESTABLISHED peaked at least at the test's connections
  // (both ends).
  const legend = page.getByRole('table', { name: /^Sockets per state: show or hide a series/ });
  const established = legend
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: 'ESTABLISHED', exact: true }) });
  await expect(established).toHaveCount(1);
  // Read as a number whatever the locale's digit grouping ("1,024"); poll, since the table refreshes each tick.
  const peak = async () =>
    Number(((await established.getByRole('cell').nth(2).textContent()) ?? '').replace(/[^\d.]/g, ''));
  // A point of the chart is the mean of the refreshes in its span (one second or more): the connections stay open
  // until it shows them, so no point is their one refresh averaged with one after they closed.
  await expect.poll(peak).toBeGreaterThanOrEqual(CONNECTIONS * 2);
  for (const c of clients) c.destroy();

  // The transitions seen from the clients' side are grouped on the listener's endpoint.
  const byRemote = page.getByRole('table', { name: 'By remote endpoint' });
  const row = byRemote.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `127.0.0.1:${l.port}` }) });
  // Traced, each step is there (SYN_SENT first); observed, a refresh saw them new and established.
  await expect(row).toContainText(
    traced ? `SYN_SENT → ESTABLISHED ×${CONNECTIONS}` : `new → ESTABLISHED ×${CONNECTIONS}`,
  );
  await expect(row).toContainText(/ESTABLISHED → (TIME_WAIT|FIN_WAIT_1|FIN_WAIT_2|closed)/);
  // The window-wide table exists; which kinds top it depends on everything else the host does meanwhile.
  await expect(page.getByRole('table', { name: 'State transitions in this window' })).toBeVisible();

  // The legend toggles a series off and on.
  const toggle = legend.getByRole('button', { name: 'ESTABLISHED', exact: true });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
});

test('the diagnosis names the server that leaves sockets in CLOSE_WAIT, with the count', async ({ app: page }) => {
  const server = await startLeakyServer();
  try {
    await appReady(page);
    const clients = await Promise.all(Array.from({ length: 3 }, () => connect(server.port)));
    for (const c of clients) c.destroy();

    await openTab(page, 'Diagnosis');
    const group = page.getByRole('region', { name: 'CLOSE_WAIT by process' });
    const finding = group.getByRole('article', {
      name: new RegExp(`^Process node \\(pid ${server.pid}\\) has 3 sockets in CLOSE_WAIT, oldest \\d+ s$`),
    });
    await expect(finding).toBeVisible();
    await expect(finding).toContainText(/OK|Warning|Critical/);
    // The reasoning comes with it, and the kernel explainer explains the removed tcp_tw_recycle.
    await finding.getByText('Evidence').click();
    await expect(finding).toContainText('3 sockets in CLOSE_WAIT');
    await expect(finding).toContainText('never called close()');
    await expect(page.getByRole('table', { name: /^Kernel settings/ })).toContainText('net.ipv4.tcp_tw_recycle');
  } finally {
    await stopLeakyServer(server);
  }
});

test('a watched port whose listener stops raises an alert toast, and unwatching clears it', async ({
  app: page,
  childListener: l,
}) => {
  await appReady(page);
  await openTab(page, 'Alerts');
  const input = page.getByLabel('Port to watch');
  const watch = page.getByRole('button', { name: 'Watch', exact: true });

  // Validated as typed, with a translated reason.
  await input.fill('70000');
  await expect(page.getByText('Invalid port 70000: ports go from 1 to 65535.')).toBeVisible();
  await expect(watch).toBeDisabled();

  await input.fill(String(l.port));
  await watch.click();
  const remove = page.getByRole('button', { name: `Stop watching port ${l.port}` });
  await expect(remove).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);

  l.child.kill('SIGTERM');
  await l.exited;
  const toast = page.getByRole('alert').filter({ hasText: `Nothing listens on watched port ${l.port} any more.` });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText('Critical');
  await expect(page.getByRole('table', { name: 'Active alerts' })).toContainText(String(l.port));

  await remove.click();
  await expect(
    page.getByRole('status').filter({ hasText: `Cleared: Nothing listens on watched port ${l.port} any more.` }),
  ).toBeVisible();
  await expect(page.getByRole('table', { name: 'Active alerts' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Alert log' })).toContainText(String(l.port));
});
