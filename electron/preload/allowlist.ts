// What the preload lets the renderer reach: exactly the contract's channels and events.
import { CHANNELS, EVENTS, type Channel, type EventName } from '../../shared/contract';

/** Request channels the renderer may invoke. */
export const ALLOWED_CHANNELS: ReadonlySet<Channel> = new Set(CHANNELS);
/** Events the renderer may listen to. */
export const ALLOWED_EVENTS: ReadonlySet<EventName> = new Set(EVENTS);
