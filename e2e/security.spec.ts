// Browser mode refuses a wrong token, on the page and on the WebSocket; the right token is let in (control).
import WebSocket from 'ws';
import { expect, test } from './fixtures';

/** Resolves 'open' if the WebSocket opens, else 'refused: <reason>'. */
function tryWebSocket(url: string): Promise<string> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url);
    ws.once('open', () => {
      ws.close();
      resolve('open');
    });
    ws.once('unexpected-response', (_req, res) => {
      resolve(`refused: ${res.statusCode}`);
      ws.terminate();
    });
    ws.once('error', (e) => resolve(`refused: ${e.message}`));
  });
}

test('a wrong token is refused on the WebSocket', async ({ served }) => {
  const base = `ws://127.0.0.1:${served.port}/ws`;
  expect(await tryWebSocket(`${base}?token=${served.token}`)).toBe('open');
  expect(await tryWebSocket(`${base}?token=wrong-${served.token}`)).toMatch(/^refused: 40[13]$/);
  expect(await tryWebSocket(base)).toMatch(/^refused: 40[13]$/);
});

test('a wrong token is refused on the page', async ({ served }) => {
  const page = (token: string | null) =>
    fetch(`http://127.0.0.1:${served.port}/${token === null ? '' : `?token=${encodeURIComponent(token)}`}`);
  expect((await page(served.token)).status).toBe(200);
  expect([401, 403]).toContain((await page('wrong')).status);
  expect([401, 403]).toContain((await page(null)).status);
});

test('the page’s own CSP lets it connect to its origin only (the Electron window has no other policy)', async ({
  served,
}) => {
  const html = await (await fetch(`http://127.0.0.1:${served.port}/?token=${served.token}`)).text();
  const policy = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1] ?? '';
  const connect = policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('connect-src'));
  // Browser mode's WebSocket is same-origin, which 'self' covers; a port wildcard would open every loopback port.
  expect(connect).toBe("connect-src 'self'");
});
