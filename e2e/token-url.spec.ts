// Browser mode: the session token leaves the address bar once the page has it, and still serves reconnects.
import type { WebSocketRoute } from '@playwright/test';
import { appReady, closeServer, expect, grid, listen, test } from './fixtures';

test('after load the token is gone from the URL; a dropped WebSocket reconnects with it; a reload resumes', async ({
  app: page,
  served,
  target,
}) => {
  test.skip(target.kind === 'electron', 'the token is browser mode’s: the Electron window has none');
  await appReady(page);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(await page.evaluate<string>('location.search')).not.toContain(served.token);

  // Every WebSocket the page opens from now on passes through here, so the test can drop one as a server would.
  const routes: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/ws\?/, (ws) => {
    routes.push(ws);
    ws.connectToServer();
  });
  // A reload asks for the page without the token (it is out of the URL): the tab's session resumes it.
  await page.reload();
  await appReady(page);
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
  expect(routes).toHaveLength(1);

  const status = page.getByRole('status', { name: 'Collector status' });
  await routes[0].close({ code: 1012, reason: 'the test drops the connection' });
  await expect.poll(() => routes.length).toBe(2);
  expect(new URL(routes[1].url()).searchParams.get('token')).toBe(served.token);
  await expect(status).not.toContainText('reconnecting');

  // The new connection carries live data again: a listener opened now shows up.
  const l = await listen();
  try {
    await page.getByLabel('Filter', { exact: true }).fill(`:${l.port}`);
    await expect(grid(page)).toHaveAttribute('aria-rowcount', '1');
  } finally {
    await closeServer(l);
  }
  expect(new URL(page.url()).searchParams.has('token')).toBe(false);
});
