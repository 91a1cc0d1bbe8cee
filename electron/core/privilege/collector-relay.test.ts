// The relayed collector handle: a send the helper could not deliver ends the worker at once, so the host restarts it.
import { describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/model/errors';
import { relayWorker } from './collector-relay';
import type { HelperClient } from './helper-client';

/** A helper connection that answers each op as `answers` says, and records what it was asked. */
function fakeClient(answers: Record<string, Result<unknown>>) {
  const asked: string[] = [];
  const client = {
    request: (op: string): Promise<Result<unknown>> => {
      asked.push(op);
      return Promise.resolve(answers[op] ?? { ok: true, value: {} });
    },
    onEvent: () => () => undefined,
    onClose: () => () => undefined,
  };
  return { client: client as unknown as HelperClient, asked };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('relayWorker', () => {
  it('ends the worker when a relayed send fails, and stops the collector in the helper', async () => {
    const { client, asked } = fakeClient({
      'collector:start': { ok: true, value: { pid: 42 } },
      'collector:send': { ok: false, error: { code: 'COLLECTOR_FAILED', message: 'not running' } },
    });
    const worker = relayWorker(client);
    const exits: (number | null)[] = [];
    worker.onExit((code) => exits.push(code));
    await settle();
    expect(worker.pid).toBe(42);

    worker.send({ id: 1, kind: 'full' });
    await settle();
    expect(exits).toEqual([null]);
    expect(asked).toContain('collector:stop');
    // Ended once: a later failing send reports no second exit.
    worker.send({ id: 2, kind: 'full' });
    await settle();
    expect(exits).toEqual([null]);
  });

  it('keeps the worker when sends succeed', async () => {
    const { client } = fakeClient({ 'collector:start': { ok: true, value: { pid: 42 } } });
    const worker = relayWorker(client);
    const exits: (number | null)[] = [];
    worker.onExit((code) => exits.push(code));
    await settle();
    worker.send({ id: 1, kind: 'full' });
    await settle();
    expect(exits).toEqual([]);
  });
});
