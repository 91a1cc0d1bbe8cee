// A small WebSocket client of the contract for integration tests: calls by channel, and the events it received.
import WebSocket from 'ws';

/** One answer of the contract. */
export interface RpcResult {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: { readonly code: string; readonly message: string; readonly key?: string };
}

export interface Rpc {
  readonly ws: WebSocket;
  call(channel: string, request?: unknown): Promise<RpcResult>;
  readonly events: { readonly event: string; readonly payload: unknown }[];
}

/** Connects to a `netinspect serve` WebSocket URL (with its token). */
export function openRpc(url: string, headers: Record<string, string> = {}): Promise<Rpc> {
  const ws = new WebSocket(url, { headers });
  const pending = new Map<number, (r: RpcResult) => void>();
  const events: Rpc['events'] = [];
  let next = 1;
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { id?: number; result?: RpcResult; event?: string; payload?: unknown };
    if (m.id !== undefined && m.result) pending.get(m.id)?.(m.result);
    else if (m.event) events.push({ event: m.event, payload: m.payload });
  });
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        events,
        call: (channel, request = {}) =>
          new Promise((r) => {
            const id = next++;
            pending.set(id, r);
            ws.send(JSON.stringify({ id, channel, request }));
          }),
      }),
    );
    ws.once('error', reject);
  });
}
