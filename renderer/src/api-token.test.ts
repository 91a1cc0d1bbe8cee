// Browser mode takes the session token out of the address bar and history once read, and keeps it for reconnects.
import { afterAll, describe, expect, it, vi } from 'vitest';

class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send() {}
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

/** The address bar as the page sees it; replaceState rewrites it, as a browser does. */
const location = {
  protocol: 'http:',
  host: '127.0.0.1:4242',
  pathname: '/',
  search: '?lang=zh&token=s3cret',
  hash: '#sockets',
};
const replaced: unknown[][] = [];
const history = {
  state: { kept: true },
  replaceState(state: unknown, title: string, url: string) {
    replaced.push([state, title, url]);
    const u = new URL(url, `http://${location.host}`);
    location.pathname = u.pathname;
    location.search = u.search;
    location.hash = u.hash;
  },
};

vi.useFakeTimers();
vi.stubGlobal('WebSocket', FakeSocket);
vi.stubGlobal('window', {});
vi.stubGlobal('location', location);
vi.stubGlobal('history', history);
await import('./api');

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the browser-mode token', () => {
  it('is dropped from the address bar, other parameters, the path and the hash kept', () => {
    expect(replaced).toEqual([[{ kept: true }, '', '/?lang=zh#sockets']]);
    expect(location.search).not.toContain('token');
  });

  it('is still what the WebSocket sends, on the first connection and after a reconnect', () => {
    expect(FakeSocket.all[0].url).toBe('ws://127.0.0.1:4242/ws?token=s3cret');
    FakeSocket.all[0].open();
    FakeSocket.all[0].drop();
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all).toHaveLength(2);
    expect(FakeSocket.all[1].url).toBe('ws://127.0.0.1:4242/ws?token=s3cret');
  });
});
