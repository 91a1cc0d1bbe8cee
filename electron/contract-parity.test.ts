// Contract parity: what core handles, what the Electron main process registers, what the preload forwards and
// what the browser-mode bridge routes, each read from its own source and compared with the contract's channels.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostBridge } from '../shared/bridge';
import { CHANNELS, EVENTS, type Channel } from '../shared/contract';
import { createCore, type Core } from './core/app-core';
import { createHandlers } from './core/handlers';
import type { CoreServices } from './core/services';
import { startServer, type RunningServer } from './server/serve';
import { openRpc, type Rpc } from './test-support/ws-rpc';

// Electron cannot run here: `electron` is replaced at its boundary by a recorder of what main and preload call.
const electron = vi.hoisted(() => ({
  handled: new Set<string>(),
  invoked: [] as string[],
  listened: [] as string[],
  exposed: new Map<string, unknown>(),
}));
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string) => electron.handled.add(channel) },
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => electron.exposed.set(name, api) },
  ipcRenderer: {
    invoke: async (channel: string) => {
      electron.invoked.push(channel);
      return { ok: true, value: null };
    },
    on: (event: string) => electron.listened.push(event),
    removeListener: () => {},
  },
}));

const NOT_IN_CONTRACT = 'shell:exec';
const sorted = (xs: Iterable<string>): string[] => [...xs].sort();

describe('contract parity', () => {
  let core: Core;
  let server: RunningServer;
  let rpc: Rpc;
  let dir: string;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-parity-'));
    core = createCore({ configDir: dir, host: 'browser', collector: 'in-process', background: false });
    server = await startServer({ core, rendererDir: dir, port: 0 });
    rpc = await openRpc(server.url.replace('http', 'ws').replace('/?', '/ws?'));
  });
  afterAll(async () => {
    rpc.ws.close();
    await server.close();
    core.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('core has a handler for every channel and no other', () => {
    // Building the handler table touches no service, so an empty services object is enough to read its keys.
    expect(sorted(Object.keys(createHandlers({} as CoreServices)))).toEqual(sorted(CHANNELS));
  });

  it('the Electron main process registers every channel and no other', async () => {
    const { setupIpc } = await import('./main/ipc');
    setupIpc(core);
    expect(sorted(electron.handled)).toEqual(sorted(CHANNELS));
  });

  it('the preload forwards every channel and event, and nothing outside the contract', async () => {
    await import('./preload/index');
    const bridge = electron.exposed.get('netinspect') as HostBridge;
    for (const c of [...CHANNELS, NOT_IN_CONTRACT]) await bridge.invoke(c as Channel, {} as never);
    for (const e of [...EVENTS, 'evil:event']) bridge.on(e as never, () => {});
    expect(sorted(electron.invoked)).toEqual(sorted(CHANNELS));
    expect(sorted(electron.listened)).toEqual(sorted(EVENTS));
  });

  it('the WebSocket bridge routes every channel to core, and refuses one outside the contract', async () => {
    // A request that no channel's schema accepts: a routed channel answers INVALID_INPUT, never runs its handler.
    const routed: string[] = [];
    for (const c of [...CHANNELS, NOT_IN_CONTRACT]) {
      const r = await rpc.call(c, 'not an object');
      if (r.error?.code === 'INVALID_INPUT') routed.push(c);
      else expect(r.error?.code, c).toBe('UNKNOWN_CHANNEL');
    }
    expect(sorted(routed)).toEqual(sorted(CHANNELS));
  });

  it('names channels domain:verb and events domain:noun', () => {
    for (const c of CHANNELS) expect(c).toMatch(/^[a-z]+:[a-z-]+$/);
    for (const e of EVENTS) expect(e).toMatch(/^[a-z]+:[a-z-]+$/);
  });
});
