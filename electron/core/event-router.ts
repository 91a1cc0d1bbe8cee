// Pushed events, routed per event: each front end receives exactly the events it subscribed to.
import type { EventName, EventPayload } from '../../shared/contract';
import type { Client } from './client';

interface Subscriber {
  readonly client: Client;
  readonly events: Set<EventName>;
}

/** Who wants which events; one failing front end never keeps an event from the others. */
export class EventRouter {
  private readonly subscribers = new Map<string, Subscriber>();

  /** Adds `events` to what `client` receives; answers everything it receives now. */
  subscribe(client: Client, events: Iterable<EventName>): EventName[] {
    let s = this.subscribers.get(client.id);
    if (!s) this.subscribers.set(client.id, (s = { client, events: new Set() }));
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
      try {
        s.client.send(event, payload);
      } catch {
        this.subscribers.delete(s.client.id);
        onDropped?.(s.client, s.events);
      }
    }
  }
}
