// `netinspect close` names exactly one connection: never the listener the kernel falls back to, never a wildcard.
import { execFileSync } from 'node:child_process';
import type net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { listen, portOf, runCli } from '../test-support/net-fixtures';

const open: net.Server[] = [];
afterAll(() => open.forEach((s) => s.close()));

const listening = (port: number): boolean =>
  execFileSync('ss', ['-tlnH', `sport = :${port}`], { encoding: 'utf8' }).trim() !== '';

describe.runIf(process.platform === 'linux')('netinspect close and listeners', () => {
  it('answers "no such connection" (exit 1) for a peer that does not exist, and the listener stays', async () => {
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    const r = await runCli(['close', `127.0.0.1:${port}`, '127.0.0.1:1']);
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `netinspect: No such connection 127.0.0.1:${port} -> 127.0.0.1:1: it may have closed already.`,
    );
    expect(listening(port)).toBe(true);
    expect(server.listening).toBe(true);
  });

  it('refuses a wildcard peer as bad input (exit 2), naming what to give instead', async () => {
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    for (const remote of ['0.0.0.0:5', '[::]:5']) {
      const local = remote.startsWith('[') ? `[::1]:${port}` : `127.0.0.1:${port}`;
      const r = await runCli(['close', local, remote]);
      expect(r.code, remote).toBe(2);
      expect(r.stderr.trim()).toMatch(/0\.0\.0\.0 and :: name no peer; give the address of the other end/);
    }
    expect(listening(port)).toBe(true);
  });
});
