// The scan handlers: the running-scan limit holds under concurrent requests, and a front end's scans end with it.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScanRequest } from '../../../shared/model/tools';
import type { Client } from '../client';
import type { CoreServices } from '../services';
import type { RunningScan } from './port-scan';
import { cancelScansOf, createToolHandlers } from './tool-handlers';

interface FakeScan {
  readonly scan: RunningScan;
  readonly cancel: ReturnType<typeof vi.fn>;
  end(): void;
}

const fakes = vi.hoisted(() => ({
  all: [] as FakeScan[],
  /** When set, startScan waits for it: a host still being resolved. */
  gate: null as Promise<void> | null,
}));

vi.mock('./port-scan', () => ({
  startScan: async (req: ScanRequest): Promise<RunningScan> => {
    await Promise.resolve();
    if (fakes.gate) await fakes.gate;
    if (req.host === 'bad') throw new Error('unresolvable');
    let end = (): void => undefined;
    const finished = new Promise<{ results: []; cancelled: boolean }>(
      (r) => (end = () => r({ results: [], cancelled: true })),
    );
    const cancel = vi.fn(() => end());
    const scan: RunningScan = { total: 1, address: '127.0.0.1', cancel, finished };
    fakes.all.push({ scan, cancel, end });
    return scan;
  },
}));

const handlers = createToolHandlers({} as CoreServices);
const client = (id: string): Client => ({ id, send: () => undefined });
const scan = (c: Client, host = '127.0.0.1') =>
  handlers['tools:scan']({ host, ports: '1', timeoutMs: 100, concurrency: 1 } as ScanRequest, c);

afterEach(async () => {
  fakes.gate = null;
  for (const f of fakes.all.splice(0)) f.end();
  // Let the registry see every scan finish, so the next test starts with all slots free.
  await new Promise((r) => setImmediate(r));
});

describe('tools:scan', () => {
  it('refuses the fifth of five concurrent requests, though none had started when they came in', async () => {
    const c = client('a');
    const results = await Promise.allSettled([scan(c), scan(c), scan(c), scan(c), scan(c)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(4);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(1);
    expect((refused[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'REFUSED' });
  });

  it('frees the slot of a scan that failed to start, and of one that ended', async () => {
    const c = client('a');
    await expect(scan(c, 'bad')).rejects.toThrow('unresolvable');
    for (let i = 0; i < 4; i++) await scan(c);
    await expect(scan(c)).rejects.toMatchObject({ code: 'REFUSED' });
    fakes.all[0].end();
    await new Promise((r) => setImmediate(r));
    await expect(scan(c)).resolves.toMatchObject({ total: 1 });
  });

  it('cancels the scans of a front end that went away, even one still starting, and no one else’s', async () => {
    const a = client('a');
    const b = client('b');
    await scan(a);
    await scan(b);
    let open = (): void => undefined;
    fakes.gate = new Promise<void>((r) => (open = r));
    const starting = scan(a);
    await Promise.resolve();

    expect(cancelScansOf('a')).toBe(2);
    expect(fakes.all[0].cancel).toHaveBeenCalled();
    expect(fakes.all[1].cancel).not.toHaveBeenCalled();
    open();
    await starting;
    expect(fakes.all[2].cancel).toHaveBeenCalled();
  });

  it('tools:scan-cancel cancels by id', async () => {
    const started = await scan(client('a'));
    expect(await handlers['tools:scan-cancel']({ scanId: started.scanId }, client('a'))).toEqual({ cancelled: true });
    expect(fakes.all[0].cancel).toHaveBeenCalled();
    expect(await handlers['tools:scan-cancel']({ scanId: 'no-such-scan' }, client('a'))).toEqual({ cancelled: false });
  });
});
