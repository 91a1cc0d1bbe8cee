// The Connections log and kernel ages against real sockets: a connection the test opens and closes is logged with its
// bytes, and a CLOSE_WAIT socket older than the page shows the kernel's age, not a lower bound.
import type { Page } from '@playwright/test';
import net from 'node:net';
import { startLeakyServer, stopLeakyServer } from './close-wait-server';
import { appReady, expect, grid, test } from './fixtures';

const PAYLOAD = 1000;

function closedGrid(page: Page) {
  return page.getByRole('grid', { name: 'Closed connections' });
}

/** Rows of `g` that have a cell whose whole text is `text`. */
function rowsWithCell(page: Page, g: ReturnType<typeof grid>, text: string) {
  return g.getByRole('row').filter({ has: page.getByRole('gridcell', { name: text, exact: true }) });
}

test('a connection the test opens and closes is in the Connections log with its bytes', async ({ app: page }) => {
  // The server reads what the client sends and closes after it; the client closes first.
  const server = net.createServer((s) => {
    s.on('error', () => undefined);
    s.resume();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  try {
    await appReady(page);
    await page.getByRole('tab', { name: 'Connections', exact: true }).click();
    await page.getByLabel('Filter', { exact: true }).fill(`:${port}`);
    const clientPort = await new Promise<number>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => c.end(Buffer.alloc(PAYLOAD, 0x61)));
      let local = 0;
      c.on('connect', () => (local = c.localPort ?? 0));
      c.resume();
      c.on('close', () => resolve(local));
    });
    const g = closedGrid(page);
    await expect(g).toHaveAttribute('aria-rowcount', '2');
    const client = rowsWithCell(page, g, `127.0.0.1:${clientPort}`).filter({
      has: page.getByRole('gridcell', { name: `127.0.0.1:${port}`, exact: true }),
    });
    // Columns: closed at, proto, local, remote, final state, duration, sent, received, ...
    const cells = client.getByRole('gridcell');
    await expect(cells.nth(2)).toHaveText(`127.0.0.1:${clientPort}`);
    await expect(cells.nth(4)).toHaveText('TIME_WAIT');
    // It lives on in the kernel's table as a timewait socket: a kernel fact, not a refresh's last sight of it.
    await expect(cells.nth(4)).toHaveAttribute('title', /^From the kernel: the connection lives on in this state/);
    await expect(cells.nth(6)).toHaveText(`${PAYLOAD} B`);
    await expect(cells.nth(7)).toHaveText('0 B');
    const serverRow = g.getByRole('row').filter({
      has: page.getByRole('gridcell', { name: `127.0.0.1:${port}`, exact: true }),
    });
    await expect(
      serverRow
        .filter({ hasNot: page.getByText('TIME_WAIT') })
        .getByRole('gridcell')
        .nth(7),
    ).toHaveText(`${PAYLOAD} B`);
    // The source line says where closes come from.
    await expect(page.getByText('Every close, from the kernel’s destroy events')).toBeVisible();
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('the Sockets table shows a kernel age, not a lower bound, for a CLOSE_WAIT socket older than the page', async ({
  app: page,
}) => {
  const leaky = await startLeakyServer();
  const client = await new Promise<net.Socket>((resolve) => {
    const c = net.connect(leaky.port, '127.0.0.1', () => resolve(c));
  });
  try {
    client.end();
    // Three seconds in CLOSE_WAIT before the page loads again: a first sight by polling would say "≥ 0s".
    await new Promise((r) => setTimeout(r, 3_000));
    await page.reload();
    await appReady(page);
    await page.getByLabel('Filter', { exact: true }).fill(`:${leaky.port} state:close_wait`);
    await expect(grid(page)).toHaveAttribute('aria-rowcount', '1');
    const age = grid(page).getByRole('row').nth(1).getByRole('gridcell').nth(10);
    await expect(age).toHaveText(/^\d+s$/);
    expect(Number((await age.textContent())?.replace('s', ''))).toBeGreaterThanOrEqual(3);
    await expect(age).toHaveAttribute('title', /kernel clock/);
  } finally {
    client.destroy();
    await stopLeakyServer(leaky);
  }
});

test('the status bar and the Charts view say how transitions and closes are counted', async ({ app: page }) => {
  await appReady(page);
  const bar = page.getByRole('status', { name: 'Collector status' });
  await expect(bar.getByText(/^Transitions: (traced|observed at each refresh)$/)).toBeVisible();
  await expect(bar.getByText('Closes: kernel', { exact: true })).toBeVisible();
  const traced = await bar.getByText('Transitions: traced', { exact: true }).isVisible();
  // Untraced, the reason and the one action come with it (here: root without tracefs, or the helper's switch).
  if (!traced) await expect(bar.getByText(/tracefs|administrator/i).first()).toBeVisible();
  await page.getByRole('tab', { name: 'Charts', exact: true }).click();
  await expect(
    page.getByText(traced ? 'Traced: every TCP state transition, from the kernel.' : /^Observed at each refresh/),
  ).toBeVisible();
});
