// A real core for metrics integration tests: forked collector from the built out/, a fast refresh, its own config.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../../../test-support/net-fixtures';
import { createCore, type Core } from '../../app-core';
import { forkWorker } from '../../collector/host';

/** Core with a private config dir, refreshing every `tickMs`; `dispose` also removes the dir. */
export async function startTestCore(tickMs: number): Promise<{ core: Core; dispose(): void }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-metrics-core-'));
  const core = createCore({
    configDir: dir,
    host: 'browser',
    collector: forkWorker(path.join(ROOT, 'out', 'node', 'collector-worker.cjs')),
    version: 'test',
    locale: 'en',
  });
  const r = await core.handle('settings:set', { refreshIntervalMs: tickMs }, { id: 'metrics-test', send: () => {} });
  if (!r.ok) throw new Error(r.error.message);
  return {
    core,
    dispose() {
      core.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
