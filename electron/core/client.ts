// A connected front end (an Electron window or a browser tab), as core sees it.
import type { EventName, EventPayload } from '../../shared/contract';

/** One front end that can receive pushed events. */
export interface Client {
  /** Unique per connection, for subscription bookkeeping. */
  readonly id: string;
  send<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /**
   * Resolves once what was sent to this front end so far has left for it (handed to the OS). Where sending queues
   * (a WebSocket), core's work after a first table waits for it; absent where it never does (Electron's IPC).
   */
  drained?(): Promise<void>;
}
