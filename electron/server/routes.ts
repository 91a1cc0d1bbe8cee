// The WebSocket bridge's routing table: every contract channel, nothing else.
import { CHANNELS, type Channel } from '../../shared/contract';

/** Channels the browser-mode bridge forwards to core. */
export const BRIDGE_ROUTES: ReadonlySet<Channel> = new Set(CHANNELS);
