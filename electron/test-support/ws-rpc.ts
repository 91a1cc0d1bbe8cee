// A small WebSocket client of the contract for integration tests: calls by channel, and the events it received.
import WebSocket from 'ws';
import {
  decodeDelta,
  decodeSnapshot,
  isWireDelta,
  isWireSnapshot,
  wireDeltaSchema,
  wireSnapshotSchema,
} from '../../shared/logic/wire/wire-codec';
import type { Socket } from '../../shared/model/socket';

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
  // The socket table crosses in wire form (columns, field-level changes): decoded here as the renderer does.
  const table = new Map<string, Socket>();
  ws.on('message', (data) => {
    const m = JSON.parse(data.toString()) as { id?: number; result?: RpcResult; event?: string; payload?: unknown };
    if (m.id !== undefined && m.result) {
      const r = m.result;
      if (r.ok && isWireSnapshot(r.value)) {
        const snap = decodeSnapshot(wireSnapshotSchema.parse(r.value));
        table.clear();
        for (const s of snap.sockets) table.set(s.key, s);
        pending.get(m.id)?.({ ok: true, value: snap });
      } else pending.get(m.id)?.(r);
    } else if (m.event === 'sockets:delta' && isWireDelta(m.payload)) {
      const d = decodeDelta(wireDeltaSchema.parse(m.payload), (k) => table.get(k));
      if (!d) throw new Error('a delta changed a socket this client never had');
      for (const k of d.removed) table.delete(k);
      for (const s of [...d.added, ...d.changed]) table.set(s.key, s);
      events.push({ event: m.event, payload: d });
    } else if (m.event) events.push({ event: m.event, payload: m.payload });
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
