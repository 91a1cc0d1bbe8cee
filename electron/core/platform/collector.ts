// The one interface every OS socket collector implements; core and the collector worker see only this.
import type { RawSnapshot } from '../../../shared/model/snapshot';

/** Collects the machine's sockets with their owners. Calls are synchronous (native calls through koffi). */
export interface SocketCollector {
  /** `process.platform` this collector serves. */
  readonly platform: NodeJS.Platform;
  /** Takes one snapshot of every TCP/UDP socket, IPv4 and IPv6, with owners where visible. */
  snapshot(): RawSnapshot;
  /** Releases native handles (sockets, caches). */
  close(): void;
}
