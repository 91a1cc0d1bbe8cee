// The sandboxed preload: exposes the HostBridge for the contract's channels only, and never the IPC event object.
import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_GLOBAL, type HostBridge } from '../../shared/bridge';
import type { Result } from '../../shared/model/errors';
import { isChannel, isEventName } from '../../shared/contract';

const refused = (what: string): Result<never> => ({
  ok: false,
  error: { code: 'UNKNOWN_CHANNEL', message: `Not part of the contract: ${what}.` },
});

const bridge: HostBridge = {
  invoke: (channel, request) =>
    isChannel(channel) ? ipcRenderer.invoke(channel, request) : Promise.resolve(refused(String(channel))),
  on: (event, listener) => {
    if (!isEventName(event)) return () => {};
    const forward = (_e: Electron.IpcRendererEvent, payload: unknown): void => listener(payload as never);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
