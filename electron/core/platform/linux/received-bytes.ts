// Settles whether a closed socket's tcpi_bytes_received holds the peer's FIN, so bytesReceived is payload exactly.
import type { SocketState } from '../../../../shared/model/socket';
import type { ClosedSocket } from './closed-socket-decode';

/**
 * Why this is needed (measured on Linux 6.18, see the report of the closed-connection tests): the kernel counts the
 * peer's FIN in tcpi_bytes_received (+1) when the full socket processed it, i.e. in a passive close or an active
 * close whose socket was still open when the FIN came; not when an orphaned socket had already been handed to a
 * timewait socket in FIN_WAIT_2 (the FIN then reaches the timewait socket), nor after a reset. The destroy
 * message cannot tell these apart. Three things can, and each gives an exact answer:
 * - the peer's own destroy event, when both ends are on this host (loopback): our payload received is what the
 *   peer sent, and the kernel count is one more exactly when the FIN was counted;
 * - the state trace: a socket that went through CLOSE_WAIT or CLOSING processed a FIN; one that closed from
 *   SYN_SENT, SYN_RECEIVED, ESTABLISHED or FIN_WAIT_1 did not (FIN_WAIT_2 -> CLOSE is either);
 * - a poll that saw the socket in CLOSE_WAIT, LAST_ACK or CLOSING (by cookie).
 * Without any of them bytesReceived stays null and kernelBytesReceived says "this, or one less".
 */
export class ReceivedBytesSettler {
  /** Events not handed out yet, in the order received (which is closedAt order). */
  private held: ClosedSocket[] = [];
  /** Every TCP event of the last holdMs by tuple, handed out or not: the peers that pairing looks up. */
  private recent = new Map<string, ClosedSocket>();
  /** FIN evidence by key (`c:<cookie>` or a tuple key), with when it was noted (ms since epoch). */
  private readonly evidence = new Map<string, { readonly counted: boolean; readonly at: number }>();

  /**
   * @param holdMs how long an unsettled event waits for its peer's event (ms); it is released unsettled after that.
   * @param recentMs how long an event stays available as a peer for later ones (ms).
   * @param evidenceMs how long FIN evidence is kept (ms).
   */
  constructor(
    private readonly holdMs = 500,
    private readonly recentMs = 3_000,
    private readonly evidenceMs = 10_000,
  ) {}

  /** Queues newly received events. */
  add(events: readonly ClosedSocket[]): void {
    for (const e of events) {
      this.held.push(e);
      if (e.tcp) refresh(this.recent, tupleKey(e), e);
    }
  }

  /** A transition the trace saw: entering CLOSE_WAIT or CLOSING, or closing from a state before any FIN. */
  noteTransition(t: TupleOf & { readonly from: SocketState; readonly to: SocketState }, at: number): void {
    if (t.to === 'CLOSE_WAIT' || t.to === 'CLOSING') refresh(this.evidence, tupleKey(t), { counted: true, at });
    else if (t.to === 'CLOSED' && NO_FIN_BEFORE.has(t.from)) {
      const key = tupleKey(t);
      if (!this.evidence.get(key)?.counted) refresh(this.evidence, key, { counted: false, at });
    }
  }

  /** A socket a poll saw, by cookie: in CLOSE_WAIT, LAST_ACK or CLOSING it has processed the peer's FIN. */
  noteSocket(cookie: string | null, state: SocketState, at: number): void {
    if (cookie !== null && FIN_SEEN.has(state)) refresh(this.evidence, `c:${cookie}`, { counted: true, at });
  }

  /**
   * Events to hand out now, in closedAt order across calls: from the oldest on, each one that is settled (or needs
   * no settling) or older than holdMs; the first young unsettled event holds back the ones after it.
   */
  release(now: number): ClosedSocket[] {
    for (let i = 0; i < this.held.length; i++) this.held[i] = this.settle(this.held[i]);
    let n = 0;
    while (n < this.held.length && (!unsettled(this.held[n]) || now - this.held[n].closedAt >= this.holdMs)) n++;
    const out = this.held.slice(0, n);
    this.held = this.held.slice(n);
    // Both maps are in insertion order, which refresh() keeps equal to time order: prune from the front.
    for (const [k, e] of this.recent) {
      if (now - e.closedAt <= this.recentMs) break;
      this.recent.delete(k);
    }
    for (const [k, v] of this.evidence) {
      if (now - v.at <= this.evidenceMs) break;
      this.evidence.delete(k);
    }
    return out;
  }

  /** Events still waiting for their peer. */
  get pending(): number {
    return this.held.length;
  }

  private settle(e: ClosedSocket): ClosedSocket {
    const tcp = e.tcp;
    if (!tcp || tcp.bytesReceived !== null || tcp.kernelBytesReceived === null) return e;
    const kernel = tcp.kernelBytesReceived;
    const peerSent = this.recent.get(tupleKey(e, true))?.tcp?.bytesSent ?? null;
    if (peerSent !== null) {
      if (kernel === peerSent + 1) return withReceived(e, peerSent);
      if (kernel <= peerSent) return withReceived(e, kernel);
    }
    const hint = this.evidence.get(`c:${e.cookie}`) ?? this.evidence.get(tupleKey(e));
    if (hint) return withReceived(e, hint.counted ? kernel - 1 : kernel);
    return e;
  }
}

/** The fields a tuple key is made of. */
type TupleOf = Pick<ClosedSocket, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>;

/** States a socket can close from without having processed a FIN. */
const NO_FIN_BEFORE: ReadonlySet<SocketState> = new Set(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1']);
/** States only reachable after processing the peer's FIN. */
const FIN_SEEN: ReadonlySet<SocketState> = new Set(['CLOSE_WAIT', 'LAST_ACK', 'CLOSING']);

/** Sets `key` as the newest entry of `map` (a plain set would leave an updated key at its old place). */
function refresh<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

function unsettled(e: ClosedSocket): boolean {
  return e.tcp !== null && e.tcp.bytesReceived === null && e.tcp.kernelBytesReceived !== null;
}

function withReceived(e: ClosedSocket, bytesReceived: number): ClosedSocket {
  return { ...e, tcp: e.tcp && { ...e.tcp, bytesReceived } };
}

/** Both ends' view of one connection meet in this key; `reversed` gives the peer's. IPv4-mapped IPv6 as IPv4. */
export function tupleKey(t: TupleOf, reversed = false): string {
  const l = `${unmapped(t.localAddress)}:${t.localPort}`;
  const r = `${unmapped(t.remoteAddress)}:${t.remotePort}`;
  return reversed ? `${r} ${l}` : `${l} ${r}`;
}

function unmapped(a: string): string {
  return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}
