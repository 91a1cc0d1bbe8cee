// Supervision rules of the collector host, with scripted worker handles (the real process is covered by
// host.integration.test.ts): which op a new process gets, hung starts, and the crash back-off.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NO_KERNEL_EVENTS } from '../../../shared/model/kernel-events';
import { sock } from '../../../shared/test-support/sockets';
import { scripted, stats, type Scripted } from '../../test-support/scripted-worker';
import { CollectorHost } from './host';
import { replyMessages, socketsFromWire, type FullResult, type TickResult, type WorkerRequest } from './protocol';
import type { Socket } from '../../../shared/model/socket';

const hosts: CollectorHost[] = [];
afterEach(() => {
  hosts.splice(0).forEach((h) => h.dispose());
  vi.useRealTimers();
});

/** Answers with `table`: whole for 'full', as every socket added for 'tick'. */
const tableAnswers =
  (table: Socket[]) =>
  (r: WorkerRequest): TickResult | FullResult =>
    r.op === 'full'
      ? { kind: 'full', sockets: table, processes: [], stats, events: NO_KERNEL_EVENTS }
      : { kind: 'tick', added: table, removed: [], changed: [], processes: [], stats, events: NO_KERNEL_EVENTS };

describe('CollectorHost', () => {
  it('puts a whole table sent in parts back together, in order, and answers a tick as it came', async () => {
    const table = Array.from({ length: 7 }, (_, i) => sock({ localPort: 1000 + i }));
    const worker = scripted(true, tableAnswers(table), 3);
    const host = new CollectorHost({ spawn: () => worker });
    hosts.push(host);
    const full = await host.request('full');
    // Whole sockets back, every field as the collector had it, in order.
    expect(full.kind === 'full' && full.sockets).toEqual(table);
    const tick = await host.request('tick');
    expect(tick.kind === 'tick' && tick.added).toEqual(table);
    // The messages themselves: two parts of 3 ahead, the reply with the last one, each list as columns in JSON
    // text; a tick is never cut.
    const messages = [...replyMessages({ id: 9, ok: true, value: full }, 3)];
    const sizes = messages.map((m) =>
      'part' in m
        ? socketsFromWire(m.part).length
        : m.ok && m.value.kind === 'full' && socketsFromWire(m.value.sockets).length,
    );
    expect(sizes).toEqual([3, 3, 1]);
    const texts = messages.map((m) => ('part' in m ? m.part : m.ok && m.value.kind === 'full' && m.value.sockets));
    expect(texts.every((t) => typeof t === 'string')).toBe(true);
    expect([...replyMessages({ id: 9, ok: true, value: tick }, 3)]).toHaveLength(1);
  });

  it('fails a reply whose sockets are not well-formed, with COLLECTOR_FAILED, and then asks for the whole table', async () => {
    let broken = true;
    const table = [sock({ localPort: 80 }), sock({ localPort: 81 })];
    const good = scripted(true, tableAnswers(table), 1);
    const cut = (text: unknown): string => String(text).slice(0, 40);
    const worker: Scripted = {
      ...good,
      onMessage: (l) =>
        good.onMessage((m) => {
          // Lists arrive cut short, as a collector with a bug might send them: a part, or a tick's added sockets.
          const msg = m as { part?: unknown; value?: { kind?: string; added?: unknown } };
          if (broken && msg.part !== undefined) l({ ...msg, part: cut(msg.part) });
          else if (broken && msg.value?.kind === 'tick')
            l({ ...msg, value: { ...msg.value, added: cut(msg.value.added) } });
          else l(m);
        }),
    };
    const host = new CollectorHost({ spawn: () => worker });
    hosts.push(host);
    await expect(host.request('full')).rejects.toMatchObject({ code: 'COLLECTOR_FAILED', message: /malformed/ });
    broken = false;
    expect((await host.request('full')).kind).toBe('full');
    broken = true;
    await expect(host.request('tick')).rejects.toMatchObject({ code: 'COLLECTOR_FAILED', message: /malformed/ });
    broken = false;
    // The delta core never got is not lost: the next request, whatever the caller asked, takes the whole table.
    const full = await host.request('tick');
    expect(full.kind === 'full' && full.sockets).toEqual(table);
    expect(good.received.map((r) => r.op)).toEqual(['full', 'full', 'tick', 'full']);
  });

  it('sends a new process "full" even when the caller, unaware of the replacement, asked for "tick"', async () => {
    const workers: Scripted[] = [];
    const host = new CollectorHost({ spawn: () => (workers.push(scripted()), workers.at(-1) as Scripted) });
    hosts.push(host);
    await host.request('full');
    await host.request('tick');
    host.replace();
    const op = host.needsFull ? 'full' : 'tick';
    expect(op).toBe('tick'); // what the monitor would ask
    expect((await host.request(op)).kind).toBe('full');
    expect(workers.map((w) => w.received.map((r) => r.op))).toEqual([['full', 'tick'], ['full']]);
  });

  it('gives up on a process that never reports ready, kills it, and says TIMEOUT', async () => {
    const worker = scripted(false);
    const host = new CollectorHost({ spawn: () => worker, timeoutMs: 50 });
    hosts.push(host);
    await expect(host.request('full')).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(worker.kill).toHaveBeenCalled();
  });

  it('keeps to the back-off after a crash instead of spawning on every request', async () => {
    let spawned = 0;
    const workers: Scripted[] = [];
    const host = new CollectorHost({
      spawn: () => {
        spawned++;
        workers.push(scripted());
        return workers.at(-1) as Scripted;
      },
      backoffMs: 60_000,
    });
    hosts.push(host);
    await host.request('full');
    workers[0].exit(1);
    await expect(host.request('tick')).rejects.toMatchObject({ code: 'COLLECTOR_FAILED' });
    await expect(host.request('tick')).rejects.toMatchObject({ code: 'COLLECTOR_FAILED' });
    expect(spawned).toBe(1);
  });

  it('asks a collector to stop by itself when disposed, so its exit handlers run, and kills one that cannot', async () => {
    const polite = { ...scripted(), stop: vi.fn() };
    const host = new CollectorHost({ spawn: () => polite });
    await host.request('full');
    host.dispose();
    expect(polite.stop).toHaveBeenCalledTimes(1);
    expect(polite.kill).not.toHaveBeenCalled();
    const plain = scripted();
    const other = new CollectorHost({ spawn: () => plain });
    await other.request('full');
    other.dispose();
    expect(plain.kill).toHaveBeenCalledTimes(1);
  });
});
