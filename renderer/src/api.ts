// The only module that talks to the host: Electron's preload bridge when present, else a WebSocket to `netinspect serve`.
import { z } from 'zod';
import { BRIDGE_GLOBAL, TOKEN_PARAM, TOKEN_STORAGE_KEY, WS_PATH, type HostBridge } from '../../shared/bridge';
import {
  channels,
  events,
  isEventName,
  resultSchema,
  type Channel,
  type EventName,
  type EventPayload,
  type Request,
  type Response,
} from '../../shared/contract';
import {
  decodeDelta,
  decodeSnapshot,
  isWireDelta,
  isWireSnapshot,
  wireDeltaSchema,
  wireSnapshotSchema,
} from '../../shared/logic/wire/wire-codec';
import type { AppErrorData, Result } from '../../shared/model/errors';
import type { Snapshot, SocketDelta } from '../../shared/model/snapshot';
import type { Socket } from '../../shared/model/socket';

/** Whether the host can be reached right now. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** A bridge plus the connection facts the UI shows; Electron's preload is always 'open'. */
export interface Host {
  readonly bridge: HostBridge;
  readonly kind: 'electron' | 'browser';
  /** Listens to connection changes; `reconnected` is true when a dropped connection came back (resubscribe). */
  onConnection(listener: (state: ConnectionState, reconnected: boolean) => void): () => void;
}

/** How long a request may wait for its answer (ms). */
const REQUEST_TIMEOUT_MS = 20_000;
/** Requests that wait on a person (the OS password prompt) may take longer (ms). */
const SLOW_CHANNEL_TIMEOUT_MS: Partial<Record<Channel, number>> = { 'privilege:elevate': 5 * 60_000 };
/** First and longest wait before reconnecting (ms); doubles in between. */
const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 8_000;

const envelopeSchema = resultSchema(z.unknown());
const wireSchema = z.union([
  z.object({ id: z.number(), result: z.unknown() }),
  z.object({ event: z.string(), payload: z.unknown() }),
]);

function failure(code: AppErrorData['code'], message: string): Result<never> {
  return { ok: false, error: { code, message } };
}

/** Where decoding a delta's changed sockets finds their previous versions (the store's table), and how it asks to
 * start over when one is missing. */
interface SocketTableLink {
  previous(key: string): Socket | undefined;
  resync(): void;
  /** False while a subscribe is in flight: the table is about to be replaced, deltas must wait for it. */
  accepting(): boolean;
  /** The seq the table is current with. */
  seq(): number;
}
let tableLink: SocketTableLink = {
  previous: () => undefined,
  resync: () => undefined,
  accepting: () => true,
  seq: () => -1,
};
/** Wire deltas that came during a subscribe, decoded once its table is in (flushSocketDeltas). */
let waiting: unknown[] = [];
let deliverDelta: (d: SocketDelta) => void = () => undefined;

/** Called once by the store: field-level changes in deltas apply to the sockets it holds. */
export function linkSocketTable(link: SocketTableLink): void {
  tableLink = link;
}

/** A table in wire form (browser mode: columns, see shared/logic/wire) checked and decoded; else null. */
function wireSnapshot(channel: Channel, value: unknown): Result<Snapshot> | null {
  if ((channel !== 'sockets:subscribe' && channel !== 'sockets:snapshot') || !isWireSnapshot(value)) return null;
  const w = wireSnapshotSchema.safeParse(value);
  if (!w.success) return failure('INTERNAL', `unexpected answer on ${channel}: ${w.error.message}`);
  return { ok: true, value: decodeSnapshot(w.data) };
}

/**
 * After a subscribe: the wire deltas that waited for its table, those newer than it decoded and delivered in order.
 */
export function flushSocketDeltas(): void {
  const queue = waiting;
  waiting = [];
  for (const p of queue) {
    if ((p as { seq?: number }).seq! <= tableLink.seq()) continue;
    const d = wireDelta(p);
    if (d) deliverDelta(d);
  }
}

/**
 * A delta in wire form checked and decoded against the store's table; undefined when it is no wire delta, null
 * when it is not delivered now (malformed, waiting for a subscribe, or out of step: then the store resubscribes).
 */
function wireDelta(payload: unknown): SocketDelta | null | undefined {
  if (!isWireDelta(payload)) return undefined;
  if (!tableLink.accepting()) {
    waiting.push(payload);
    return null;
  }
  const w = wireDeltaSchema.safeParse(payload);
  if (!w.success) return null;
  const d = decodeDelta(w.data, (key) => tableLink.previous(key));
  if (!d) tableLink.resync();
  return d;
}

/** Checks an answer against the contract: the Result envelope always, the value with the channel's schema. */
function validateResult<C extends Channel>(channel: C, raw: unknown): Result<Response<C>> {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return failure('INTERNAL', `malformed answer on ${channel}`);
  if (!envelope.data.ok) return envelope.data;
  const table = wireSnapshot(channel, envelope.data.value);
  if (table) return table as Result<Response<C>>;
  const value = channels[channel].response.safeParse(envelope.data.value);
  if (!value.success) return failure('INTERNAL', `unexpected answer on ${channel}: ${value.error.message}`);
  return { ok: true, value: value.data as Response<C> };
}

type Listener = (payload: unknown) => void;
interface Pending {
  readonly channel: Channel;
  readonly resolve: (r: Result<unknown>) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** The browser-mode client: one WebSocket, requests matched by id, events fanned out, reconnect with back-off. */
function createWebSocketHost(url: string): Host {
  const listeners = new Map<EventName, Set<Listener>>();
  const connectionListeners = new Set<(state: ConnectionState, reconnected: boolean) => void>();
  const pending = new Map<number, Pending>();
  const outbox: string[] = [];
  let nextId = 1;
  let socket: WebSocket | null = null;
  let backoff = BACKOFF_MIN_MS;
  let everOpened = false;

  const notify = (state: ConnectionState, reconnected: boolean) => {
    for (const l of connectionListeners) l(state, reconnected);
  };

  const settle = (id: number, result: Result<unknown>) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(result);
  };

  const onMessage = (data: unknown) => {
    if (typeof data !== 'string') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(data);
    } catch {
      return;
    }
    const msg = wireSchema.safeParse(parsed);
    if (!msg.success) return;
    if ('id' in msg.data) {
      const p = pending.get(msg.data.id);
      if (p) settle(msg.data.id, validateResult(p.channel, msg.data.result));
      return;
    }
    const { event, payload } = msg.data;
    if (!isEventName(event)) return;
    deliverDelta = (d) => {
      for (const l of listeners.get('sockets:delta') ?? []) l(d);
    };
    const delta = event === 'sockets:delta' ? wireDelta(payload) : undefined;
    if (delta !== undefined) {
      if (delta) for (const l of listeners.get(event) ?? []) l(delta);
      return;
    }
    const checked = events[event].safeParse(payload);
    if (!checked.success) return;
    for (const l of listeners.get(event) ?? []) l(checked.data);
  };

  const connect = () => {
    notify('connecting', false);
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      const reconnected = everOpened;
      everOpened = true;
      backoff = BACKOFF_MIN_MS;
      for (const m of outbox.splice(0)) ws.send(m);
      notify('open', reconnected);
    };
    ws.onmessage = (e) => onMessage(e.data);
    ws.onclose = () => {
      socket = null;
      // The server forgot these requests with the connection: fail them now rather than at their timeout.
      for (const id of [...pending.keys()]) settle(id, failure('TIMEOUT', 'connection lost'));
      notify('closed', false);
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
    };
  };

  const bridge: HostBridge = {
    invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>> {
      const id = nextId++;
      return new Promise<Result<Response<C>>>((resolve) => {
        const timeout = SLOW_CHANNEL_TIMEOUT_MS[channel] ?? REQUEST_TIMEOUT_MS;
        const timer = setTimeout(() => settle(id, failure('TIMEOUT', `no answer on ${channel}`)), timeout);
        pending.set(id, { channel, timer, resolve: resolve as (r: Result<unknown>) => void });
        const message = JSON.stringify({ id, channel, request });
        if (socket?.readyState === WebSocket.OPEN) socket.send(message);
        else outbox.push(message);
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener as Listener);
      return () => set.delete(listener as Listener);
    },
  };

  connect();
  return {
    bridge,
    kind: 'browser',
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

function preloadBridge(): HostBridge | null {
  const candidate: unknown = Reflect.get(window, BRIDGE_GLOBAL);
  if (typeof candidate !== 'object' || candidate === null) return null;
  const ok =
    typeof Reflect.get(candidate, 'invoke') === 'function' && typeof Reflect.get(candidate, 'on') === 'function';
  return ok ? (candidate as HostBridge) : null;
}

/**
 * Reads the browser-mode session token and takes it out of the address bar and the history entry (only that
 * parameter: the path, other parameters and the hash stay), so it is not shown, bookmarked, synced or sent on with
 * the URL. It lives on in memory, in the WebSocket URL every reconnect reuses, and in this tab's sessionStorage
 * (this origin only, gone with the tab), which the server's refusal page reads to load the page again on a reload.
 */
function takeToken(): string {
  const params = new URLSearchParams(location.search);
  const token = params.get(TOKEN_PARAM) ?? '';
  if (!params.has(TOKEN_PARAM) || typeof history === 'undefined') return token;
  params.delete(TOKEN_PARAM);
  const search = params.toString();
  history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
  try {
    sessionStorage.setItem(TOKEN_STORAGE_KEY, token);
  } catch {
    // Storage disabled: everything works but a reload, which then needs the printed URL again.
  }
  return token;
}

function createHost(): Host {
  const preload = preloadBridge();
  if (preload) {
    return { bridge: preload, kind: 'electron', onConnection: () => () => undefined };
  }
  const token = takeToken();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return createWebSocketHost(`${scheme}://${location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`);
}

/** The host this window talks to, picked once at startup. */
export const host: Host = createHost();
