// The virtualized grid over a table far taller than its window: 1,000 connections of this test process (2,001 rows
// with their listener), scrolled through, sorted, and shrunk while scrolled to its end.
import type { Page } from '@playwright/test';
import type net from 'node:net';
import { appReady, connect, expect, grid, test } from './fixtures';

const CLIENTS = 1000;

/** What the grid has in the DOM: each rendered row's index, its remote port, and whether any cell is empty. */
function renderedRows(page: Page) {
  return grid(page).evaluate((g) => {
    const headers = [...g.querySelectorAll('[role=columnheader]')].map((h) => h.textContent ?? '');
    const remote = headers.findIndex((h) => h.startsWith('Remote port'));
    const state = headers.findIndex((h) => h.startsWith('State'));
    return [...g.querySelectorAll('[role=rowgroup] [role=row][aria-rowindex]')]
      .map((r) => {
        const cells = [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent ?? '');
        return {
          index: Number(r.getAttribute('aria-rowindex')),
          remotePort: Number(cells[remote]),
          blank: cells[remote] === '' || cells[state] === '',
        };
      })
      .sort((a, b) => a.index - b.index);
  });
}

/**
 * Scrolls the grid to `fraction` of its height (1: the end) and waits until the rows follow: a rendered row lies
 * within a window's height of the row at that place of the `rowCount`.
 */
async function scrollTo(page: Page, fraction: number, rowCount: number): Promise<void> {
  await grid(page).evaluate((g, f) => {
    g.scrollTop = f * (g.scrollHeight - g.clientHeight);
  }, fraction);
  const target = Math.max(1, Math.round(fraction * rowCount));
  await expect.poll(async () => (await renderedRows(page)).some((r) => Math.abs(r.index - target) < 40)).toBe(true);
}

/** The rendered rows form one run of consecutive indices, in the sort's order, none of them blank. */
async function expectConsistentWindow(page: Page, rowCount: number): Promise<number[]> {
  const rows = await renderedRows(page);
  expect(rows.length).toBeGreaterThan(5);
  // Virtualized: a window of rows, not the table.
  expect(rows.length).toBeLessThan(200);
  const indices = rows.map((r) => r.index);
  expect(indices).toEqual(indices.map((_, i) => indices[0] + i));
  expect(indices[0]).toBeGreaterThanOrEqual(1);
  expect(indices[indices.length - 1]).toBeLessThanOrEqual(rowCount);
  expect(rows.filter((r) => r.blank)).toEqual([]);
  const ports = rows.map((r) => r.remotePort);
  expect(ports).toEqual([...ports].sort((a, b) => a - b));
  return indices;
}

test('scrolling 2,001 rows shows each at its index, in sort order, to the last, also as the table shrinks', async ({
  app: page,
  listener: l,
}) => {
  test.setTimeout(90_000);
  const clients: net.Socket[] = [];
  try {
    for (let i = 0; i < CLIENTS; i++) clients.push(await connect(l.port));
    await appReady(page);
    await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
    const table = grid(page);
    // The listener, each client socket and each accepted one.
    await expect(table).toHaveAttribute('aria-rowcount', String(2 * CLIENTS + 1), { timeout: 20_000 });
    await page.getByRole('button', { name: 'Remote port', exact: true }).click();
    await expect(page.getByRole('columnheader', { name: 'Remote port' })).toHaveAttribute('aria-sort', 'ascending');

    const rowCount = 2 * CLIENTS + 1;
    await scrollTo(page, 0.5, rowCount);
    const middle = await expectConsistentWindow(page, rowCount);
    expect(middle[0]).toBeGreaterThan(500);
    expect(middle[middle.length - 1]).toBeLessThan(1500);

    await scrollTo(page, 1, rowCount);
    const end = await expectConsistentWindow(page, rowCount);
    expect(end[end.length - 1]).toBe(rowCount);
    const last = table.locator(`[role=row][aria-rowindex="${rowCount}"]`);
    await expect(last).toBeInViewport();
    // Sorted ascending, the end holds the highest remote port: the client sockets, all connected to the listener.
    await expect(last.getByRole('gridcell', { name: String(l.port), exact: true })).toBeVisible();

    // Half the clients reset their connections (no TIME_WAIT left behind): their two rows each leave the table
    // while the grid is scrolled to its end, and it still ends at its last row.
    for (const c of clients.splice(0, CLIENTS / 2)) c.resetAndDestroy();
    const shrunk = CLIENTS + 1;
    await expect(table).toHaveAttribute('aria-rowcount', String(shrunk), { timeout: 20_000 });
    await scrollTo(page, 1, shrunk);
    const after = await expectConsistentWindow(page, shrunk);
    expect(after[after.length - 1]).toBe(shrunk);
    await expect(table.locator(`[role=row][aria-rowindex="${shrunk}"]`)).toBeInViewport();
  } finally {
    // Reset too: no TIME_WAIT left for the tests after this one.
    for (const c of clients) c.resetAndDestroy();
  }
});
