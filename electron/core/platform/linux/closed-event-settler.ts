// Completes closed-socket events before they are handed out: whether tcpi_bytes_received holds the peer's FIN (so
// bytesReceived is payload exactly), and the state the socket closed from when the trace saw it.
import type { SocketState } from '../../../../shared/model/socket';
import type { ClosedSocket } from './closed-socket-decode';

/**
 * Why the FIN needs settling (measured on Linux 6.18, see closed-sockets.integration.test.ts): the kernel counts
 * the peer's FIN in tcpi_bytes_received (+1) when the full socket processed it, i.e. in a passive close or an
 * active close whose socket was still open when the FIN came; not when an orphaned socket had already been handed
 * to a timewait socket in FIN_WAIT_2 (the FIN then reaches the timewait socket), nor after a reset. The destroy
 * message cannot tell these apart. Three things can, and each gives an exact answer:
 * - the peer's own destroy event, when both ends are on this host (loopback): our payload received is what the
 *   peer sent, and the kernel count is one more exactly when the FIN was counted;
 * - the state trace: a socket that went through CLOSE_WAIT or CLOSING processed a FIN; one that closed from
 *   SYN_SENT, SYN_RECEIVED, ESTABLISHED or FIN_WAIT_1 did not (FIN_WAIT_2 -> CLOSE is either);
 * - a poll that saw the socket in CLOSE_WAIT, LAST_ACK or CLOSING (by cookie).
 * Without any of them bytesReceived stays null and kernelBytesReceived says "this, or one less".
 */
export class ClosedEventSettler {
  /** Events not handed out yet, in the order received (which is closedAt order), with their tuple keys. */
  private held: Held[] = [];
  /** Every TCP event of the last recentMs by tuple, handed out or not: the peers that pairing looks up. */
  private readonly recent = new Map<string, ClosedSocket>();
  /** FIN evidence by cookie (polls) and by tuple (trace), with when it was noted (ms since epoch). */
  private readonly byCookie = new Map<string, Evidence>();
  private readonly byTuple = new Map<string, Evidence>();
  /** The state a traced socket closed from, by tuple. */
  private readonly closedFrom = new Map<string, { readonly from: SocketState; readonly at: number }>();
  /** Who called connect() on a socket still without its port, by kernel address; then who acted on it, by tuple. */
  private readonly connectBySk = new Map<string, { readonly pid: number; readonly at: number }>();
  private readonly actorByTuple = new Map<string, { readonly pid: number; readonly at: number }>();

  /**
   * @param holdMs how long an unsettled event waits for its peer's event (ms); it is released unsettled after that.
   * @param recentMs how long an event stays available as a peer for later ones (ms).
   * @param evidenceMs how long FIN evidence and closing states are kept (ms).
   * @param minHoldMs how long every event waits at least (ms): with tracing on, long enough for the transition it
   *   closed with to arrive from the trace, which hands events out only once every CPU's buffer was read past them.
   */
  constructor(
    private readonly holdMs = 500,
    private readonly recentMs = 3_000,
    private readonly evidenceMs = 10_000,
    private readonly minHoldMs = 0,
  ) {}

  /** Queues newly received events. */
  add(events: readonly ClosedSocket[]): void {
    for (const e of events) {
      const key = tupleKey(e);
      this.held.push({ e, key, peer: tupleKey(e, true) });
      if (e.tcp) refresh(this.recent, key, e);
    }
  }

  /** A traced transition: FIN evidence, the state a socket closes from, and who acts on it. */
  noteTransition(t: TracedStep, at: number): void {
    this.noteActor(t, at);
    if (t.to === 'CLOSE_WAIT' || t.to === 'CLOSING') refresh(this.byTuple, tupleKey(t), { counted: true, at });
    else if (t.to === 'CLOSED') {
      const key = tupleKey(t);
      refresh(this.closedFrom, key, { from: t.from, at });
      if (NO_FIN_BEFORE.has(t.from) && !this.byTuple.get(key)?.counted)
        refresh(this.byTuple, key, { counted: false, at });
    }
  }

  /** A socket a poll saw, by cookie: in CLOSE_WAIT, LAST_ACK or CLOSING it has processed the peer's FIN. */
  noteSocket(cookie: string | null, state: SocketState, at: number): void {
    if (cookie !== null && FIN_SEEN.has(state)) refresh(this.byCookie, cookie, { counted: true, at });
  }

  /**
   * Events to hand out now, in closedAt order across calls: from the oldest on, each one older than minHoldMs that
   * is settled (or needs no settling) or older than holdMs; the first one that must wait holds back those after it.
   */
  release(now: number): ClosedSocket[] {
    for (const h of this.held) if (unsettled(h.e)) h.e = this.settle(h);
    let n = 0;
    for (; n < this.held.length; n++) {
      const { e } = this.held[n];
      const age = now - e.closedAt;
      if (age < this.minHoldMs || (unsettled(e) && age < this.holdMs)) break;
    }
    const out = this.held.slice(0, n).map((h) => this.withLastState(h));
    this.held = this.held.slice(n);
    prune(this.recent, (e) => now - e.closedAt > this.recentMs);
    const stale = (v: { readonly at: number }): boolean => now - v.at > this.evidenceMs;
    prune(this.byCookie, stale);
    prune(this.byTuple, stale);
    prune(this.closedFrom, stale);
    prune(this.connectBySk, stale);
    prune(this.actorByTuple, stale);
    return out;
  }

  /** Events still waiting for their peer. */
  get pending(): number {
    return this.held.length;
  }

  private settle(h: Held): ClosedSocket {
    const e = h.e;
    const kernel = e.tcp?.kernelBytesReceived;
    if (kernel === undefined || kernel === null) return e;
    const peerSent = this.recent.get(h.peer)?.tcp?.bytesSent ?? null;
    if (peerSent !== null) {
      if (kernel === peerSent + 1) return withReceived(e, peerSent);
      if (kernel <= peerSent) return withReceived(e, kernel);
    }
    const hint = this.byCookie.get(e.cookie) ?? this.byTuple.get(h.key);
    return hint ? withReceived(e, hint.counted ? kernel - 1 : kernel) : e;
  }

  /**
   * Steps taken in a system call name the socket's process: connect() (-> SYN_SENT, before the socket has its
   * port, so kept by kernel address until a step with the port shows up), close() or shutdown() (-> FIN_WAIT_1,
   * -> LAST_ACK). Steps taken on a packet run in whatever task was current, so they name nobody.
   */
  private noteActor(t: TracedStep, at: number): void {
    if (t.skaddr === undefined) return;
    if (t.from === 'SYN_SENT') {
      // The step out of SYN_SENT (often in softirq) is the first with the source port: hand the caller over.
      const caller = this.connectBySk.get(t.skaddr);
      this.connectBySk.delete(t.skaddr);
      if (caller) refresh(this.actorByTuple, tupleKey(t), { pid: caller.pid, at });
    }
    if (t.pid === null || t.pid === undefined || t.pid === 0) return;
    if (t.to === 'SYN_SENT') refresh(this.connectBySk, t.skaddr, { pid: t.pid, at });
    else if (t.to === 'FIN_WAIT_1' || t.to === 'LAST_ACK') refresh(this.actorByTuple, tupleKey(t), { pid: t.pid, at });
  }

  private withLastState(h: Held): ClosedSocket {
    if (h.e.proto !== 'tcp') return h.e;
    const from = this.closedFrom.get(h.key)?.from;
    const pid = this.actorByTuple.get(h.key)?.pid;
    if (from === undefined && pid === undefined) return h.e;
    return { ...h.e, lastState: from ?? h.e.lastState, tracedPid: pid ?? h.e.tracedPid };
  }
}

interface Held {
  e: ClosedSocket;
  readonly key: string;
  readonly peer: string;
}

interface Evidence {
  readonly counted: boolean;
  readonly at: number;
}

/** The fields a tuple key is made of. */
type TupleOf = Pick<ClosedSocket, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort'>;

/** What the settler reads of a traced transition (see tcp-transitions.ts). */
type TracedStep = TupleOf & {
  readonly from: SocketState;
  readonly to: SocketState;
  readonly pid?: number | null;
  readonly skaddr?: string;
};

/** States a socket can close from without having processed a FIN. */
const NO_FIN_BEFORE: ReadonlySet<SocketState> = new Set(['SYN_SENT', 'SYN_RECEIVED', 'ESTABLISHED', 'FIN_WAIT_1']);
/** States only reachable after processing the peer's FIN. */
const FIN_SEEN: ReadonlySet<SocketState> = new Set(['CLOSE_WAIT', 'LAST_ACK', 'CLOSING']);

/** Sets `key` as the newest entry of `map` (a plain set would leave an updated key at its old place). */
function refresh<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** Deletes from the front while `old` says so: refresh() keeps insertion order equal to time order. */
function prune<V>(map: Map<string, V>, old: (v: V) => boolean): void {
  for (const [k, v] of map) {
    if (!old(v)) break;
    map.delete(k);
  }
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
  return a.charCodeAt(0) === 58 /* : */ && a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
}
