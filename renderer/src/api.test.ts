// The browser-mode client against a fake WebSocket: token URL, answers by id, validation, events, reconnect.
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeSocket {
  static readonly OPEN = 1;
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: { id: number; channel: string; request: unknown }[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onclose: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as FakeSocket['sent'][number]);
  }
  open() {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

vi.stubGlobal('WebSocket', FakeSocket);
vi.stubGlobal('window', {});
vi.stubGlobal('location', { search: '?token=s3cret', protocol: 'http:', host: '127.0.0.1:4242' });
const { host } = await import('./api');
const last = () => FakeSocket.all[FakeSocket.all.length - 1];

afterAll(() => vi.unstubAllGlobals());

const settings = { refreshIntervalMs: 1000, language: 'en', theme: 'dark' };

describe('WebSocket host', () => {
  beforeEach(() => {
    if (last().readyState !== FakeSocket.OPEN) last().open();
  });

  it('connects to /ws with the page token', () => {
    expect(host.kind).toBe('browser');
    expect(FakeSocket.all[0].url).toBe('ws://127.0.0.1:4242/ws?token=s3cret');
  });

  it('matches answers to requests by id and validates them', async () => {
    const a = host.bridge.invoke('settings:get', {});
    const b = host.bridge.invoke('settings:get', {});
    const [ra, rb] = last().sent.slice(-2);
    last().receive({ id: rb.id, result: { ok: true, value: { ...settings, theme: 'purple' } } });
    last().receive({ id: ra.id, result: { ok: true, value: settings } });
    expect(await a).toEqual({ ok: true, value: settings });
    const bad = await b;
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('INTERNAL');
  });

  it('passes errors through and rejects a malformed envelope', async () => {
    const a = host.bridge.invoke('collector:set-paused', { paused: true });
    const b = host.bridge.invoke('settings:get', {});
    const [ra, rb] = last().sent.slice(-2);
    last().receive({ id: ra.id, result: { ok: false, error: { code: 'EPERM', message: 'no' } } });
    last().receive({ id: rb.id, result: { yes: 1 } });
    expect(await a).toEqual({ ok: false, error: { code: 'EPERM', message: 'no' } });
    expect((await b).ok).toBe(false);
  });

  it('delivers valid events and drops invalid ones', () => {
    const got: unknown[] = [];
    const off = host.bridge.on('settings:changed', (s) => got.push(s));
    last().receive({ event: 'settings:changed', payload: settings });
    last().receive({ event: 'settings:changed', payload: { nope: true } });
    off();
    last().receive({ event: 'settings:changed', payload: settings });
    expect(got).toEqual([settings]);
  });

  it('fails pending requests when the connection drops, then reconnects and says so', async () => {
    vi.useFakeTimers();
    const states: [string, boolean][] = [];
    host.onConnection((s, re) => states.push([s, re]));
    const pending = host.bridge.invoke('settings:get', {});
    const before = FakeSocket.all.length;
    last().drop();
    const r = await pending;
    expect(r.ok).toBe(false);
    // Queued while down, sent once the new socket opens.
    const queued = host.bridge.invoke('app:info', {});
    vi.advanceTimersByTime(10_000);
    expect(FakeSocket.all.length).toBe(before + 1);
    last().open();
    expect(states).toEqual([
      ['closed', false],
      ['connecting', false],
      ['open', true],
    ]);
    const sent = last().sent.at(-1);
    expect(sent?.channel).toBe('app:info');
    last().receive({
      id: sent?.id,
      result: { ok: true, value: { version: '1', platform: 'linux', host: 'browser', locale: 'en' } },
    });
    expect((await queued).ok).toBe(true);
    vi.useRealTimers();
  });
});
