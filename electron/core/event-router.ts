// Pushed events, routed per event: each front end receives exactly the events it subscribed to.
import type { EventName, EventPayload } from '../../shared/contract';
import type { Client } from './client';

interface Subscriber {
  readonly client: Client;
  readonly events: Set<EventName>;
  /** Events held for this front end (see hold), in the order emitted. */
  readonly held: Map<EventName, unknown[]>;
}

/** Who wants which events; one failing front end never keeps an event from the others. */
export class EventRouter {
  private readonly subscribers = new Map<string, Subscriber>();

  /** Adds `events` to what `client` receives; answers everything it receives now. */
  subscribe(client: Client, events: Iterable<EventName>): EventName[] {
    let s = this.subscribers.get(client.id);
    if (!s) this.subscribers.set(client.id, (s = { client, events: new Set(), held: new Map() }));
    for (const e of events) s.events.add(e);
    return [...s.events];
  }

  /** Stops `events` for `client`; answers what it still receives. */
  unsubscribe(client: Client, events: Iterable<EventName>): EventName[] {
    const s = this.subscribers.get(client.id);
    if (!s) return [];
    for (const e of events) s.events.delete(e);
    if (s.events.size > 0) return [...s.events];
    this.subscribers.delete(client.id);
    return [];
  }

  /** True when `client` receives `event`. */
  has(client: Client, event: EventName): boolean {
    return this.subscribers.get(client.id)?.events.has(event) ?? false;
  }

  /** Holds `event` for `client` (subscribed to it): what is emitted meanwhile waits for `release`. */
  hold(client: Client, event: EventName): void {
    const s = this.subscribers.get(client.id);
    if (s?.events.has(event) && !s.held.has(event)) s.held.set(event, []);
  }

  /**
   * Stops holding `event` for `client` and sends, in order, what was held that `keep` accepts (a front end's first
   * table already holds the deltas emitted while it was taken: only those after it follow).
   */
  release<E extends EventName>(
    client: Client,
    event: E,
    keep: (payload: EventPayload<E>) => boolean,
    onDropped?: (client: Client, had: ReadonlySet<EventName>) => void,
  ): void {
    const s = this.subscribers.get(client.id);
    const held = s?.held.get(event) as EventPayload<E>[] | undefined;
    if (!s || !held) return;
    s.held.delete(event);
    for (const payload of held) if (keep(payload) && !this.deliver(s, event, payload, onDropped)) return;
  }

  /** Forgets a front end that went away. */
  remove(client: Client): void {
    this.subscribers.delete(client.id);
  }

  /**
   * Sends `event` to every front end that subscribed to it. A front end whose send throws is dropped and reported
   * to `onDropped` with the events it had, so core can release what it held for it.
   */
  emit<E extends EventName>(
    event: E,
    payload: EventPayload<E>,
    onDropped?: (client: Client, had: ReadonlySet<EventName>) => void,
  ): void {
    for (const s of [...this.subscribers.values()]) {
      if (!s.events.has(event)) continue;
      const held = s.held.get(event);
      if (held) held.push(payload);
      else this.deliver(s, event, payload, onDropped);
    }
  }

  /** Sends one event; false when the front end's send threw (it is dropped then). */
  private deliver<E extends EventName>(
    s: Subscriber,
    event: E,
    payload: EventPayload<E>,
    onDropped?: (client: Client, had: ReadonlySet<EventName>) => void,
  ): boolean {
    try {
      s.client.send(event, payload);
      return true;
    } catch {
      this.subscribers.delete(s.client.id);
      onDropped?.(s.client, s.events);
      return false;
    }
  }
}
