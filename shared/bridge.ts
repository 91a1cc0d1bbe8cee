// The host bridge: the one interface through which the renderer reaches core, in Electron (preload) and in a
// browser tab (WebSocket). Both implementations speak the contract of ./contract.ts.
import type { Channel, EventName, EventPayload, Request, Response } from './contract';
import type { Result } from './model/errors';

/** What the preload exposes as `window.netinspect`, and what the WebSocket client implements. */
export interface HostBridge {
  /** Sends a request on a contract channel; resolves with a Result, never rejects. */
  invoke<C extends Channel>(channel: C, request: Request<C>): Promise<Result<Response<C>>>;
  /** Listens to a pushed event; returns the function that stops listening. */
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Name of the global the Electron preload defines. */
export const BRIDGE_GLOBAL = 'netinspect';

/** Query parameter of the browser-mode URL that carries the session token. */
export const TOKEN_PARAM = 'token';

/**
 * sessionStorage key under which the browser-mode page keeps its token once it took it out of the address bar, so
 * a reload of the same tab can ask for the page again (see electron/server/session-resume.ts).
 */
export const TOKEN_STORAGE_KEY = 'netinspect.token';

/** Path of the browser-mode WebSocket endpoint. */
export const WS_PATH = '/ws';
