// Dialing the helper's socket: a fake helper whose handshake reply is oversized makes the dial fail, not the process.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectUnix } from './broker-transport';
import { OversizedMessageError } from './framing';

// The real cap is 256 MiB; a small one lets the fake helper pass it with a few KiB.
vi.mock('./framing', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./framing')>()),
  REPLY_LIMIT_BYTES: 1024,
}));

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((f) => f()));

/** A Unix socket server that answers the token line with `reply`. */
async function fakeHelper(reply: string): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-transport-'));
  const endpoint = path.join(dir, 'helper.sock');
  const server = net.createServer((s) => {
    s.on('error', () => {});
    s.once('data', () => s.write(reply));
  });
  await new Promise<void>((resolve) => server.listen(endpoint, resolve));
  cleanups.push(() => {
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return endpoint;
}

describe('connectUnix', () => {
  it('rejects with OversizedMessageError when the handshake reply passes the limit', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (e: unknown): number => uncaught.push(e);
    process.on('uncaughtException', onUncaught);
    cleanups.push(() => process.off('uncaughtException', onUncaught));
    const endpoint = await fakeHelper('x'.repeat(4096));

    const started = Date.now();
    const dial = connectUnix(endpoint, 'token', Date.now() + 3_000, () => null);
    await expect(dial).rejects.toBeInstanceOf(OversizedMessageError);
    // At once, not at the handshake's timeout.
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(uncaught).toEqual([]);
  });

  it('still connects when the reply is {ready} within the limit', async () => {
    const endpoint = await fakeHelper(`${JSON.stringify({ ready: true, pid: 1 })}\n`);
    const client = await connectUnix(endpoint, 'token', Date.now() + 3_000, () => null);
    expect(client).toBeDefined();
    client.close('test over');
  });
});
