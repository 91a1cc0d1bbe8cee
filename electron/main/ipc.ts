// Registers one ipcMain handler per contract channel: sender-frame check, then core (which validates and wraps).
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CHANNELS } from '../../shared/contract';
import type { Result } from '../../shared/model/errors';
import type { Core } from '../core/app-core';
import type { Client } from '../core/client';
import { isOwnFrameUrl } from './window';

const clients = new Map<number, Client>();

function clientFor(contents: WebContents, core: Core): Client {
  let client = clients.get(contents.id);
  if (!client) {
    const c: Client = {
      id: `wc-${contents.id}`,
      send: (event, payload) => {
        if (!contents.isDestroyed()) contents.send(event, payload);
      },
    };
    clients.set(contents.id, c);
    contents.once('destroyed', () => {
      clients.delete(contents.id);
      core.disconnect(c);
    });
    client = c;
  }
  return client;
}

/** Wires every channel of the contract to core. */
export function setupIpc(core: Core): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown): Promise<Result<unknown>> => {
      const url = event.senderFrame?.url ?? '';
      if (!isOwnFrameUrl(url)) {
        return { ok: false, error: { code: 'UNAUTHORIZED', message: 'Request from a frame that is not netinspect.' } };
      }
      return core.handle(channel, request, clientFor(event.sender, core));
    });
  }
}
