// The preload's behaviour: contract channels reach ipcRenderer, others never do, and listeners never see the event.
// Electron cannot run here, so `electron` is replaced at its boundary by a recorder of what the preload calls.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostBridge } from '../../shared/bridge';

const ipc = vi.hoisted(() => ({
  invoke: vi.fn(async (channel: string) => ({ ok: true, value: channel })),
  on: vi.fn(),
  removeListener: vi.fn(),
  exposed: new Map<string, unknown>(),
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => ipc.exposed.set(name, api) },
  ipcRenderer: { invoke: ipc.invoke, on: ipc.on, removeListener: ipc.removeListener },
}));

let bridge: HostBridge;
beforeAll(async () => {
  await import('./index');
  bridge = ipc.exposed.get('netinspect') as HostBridge;
});

describe('preload bridge', () => {
  it('exposes exactly one global, the host bridge', () => {
    expect([...ipc.exposed.keys()]).toEqual(['netinspect']);
  });

  it('forwards contract channels to ipcRenderer.invoke', async () => {
    await expect(bridge.invoke('settings:get', {})).resolves.toEqual({ ok: true, value: 'settings:get' });
    expect(ipc.invoke).toHaveBeenCalledWith('settings:get', {});
  });

  it('refuses a channel outside the contract without touching IPC', async () => {
    ipc.invoke.mockClear();
    const r = await bridge.invoke('shell:exec' as never, {} as never);
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(ipc.invoke).not.toHaveBeenCalled();
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const seen: unknown[] = [];
    const off = bridge.on('collector:status', (p) => seen.push(p));
    const forward = ipc.on.mock.calls.at(-1)?.[1] as (e: unknown, p: unknown) => void;
    forward({ sender: 'the IpcRendererEvent' }, { running: true });
    expect(seen).toEqual([{ running: true }]);
    off();
    expect(ipc.removeListener).toHaveBeenCalledWith('collector:status', forward);
  });

  it('ignores listeners for events outside the contract', () => {
    ipc.on.mockClear();
    const off = bridge.on('evil:event' as never, () => {});
    expect(ipc.on).not.toHaveBeenCalled();
    expect(typeof off).toBe('function');
  });
});
