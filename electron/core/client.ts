// A connected front end (an Electron window or a browser tab), as core sees it.
import type { EventName, EventPayload } from '../../shared/contract';

/** One front end that can receive pushed events. */
export interface Client {
  /** Unique per connection, for subscription bookkeeping. */
  readonly id: string;
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
}
