// `netinspect list --resolve`: a remote address named in the hosts file (added for the test, restored after) shows
// by its name in the table, the JSON and the CSV; no DNS query is sent for loopback addresses.
import type net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addHostsEntry, canEditHosts } from '../test-support/hosts-entry';
import { connect, listen, portOf, runCli } from '../test-support/net-fixtures';

const ADDRESS = '127.0.0.77';
const NAME = 'ni-resolve-test.internal';
const editable = canEditHosts();
if (!editable) console.warn('skipping: /etc/hosts is not writable here (needs root on Linux)');

describe.runIf(editable)('netinspect list --resolve', () => {
  let restore = (): void => {};
  const open: (net.Server | net.Socket)[] = [];
  let port = 0;
  beforeAll(async () => {
    restore = addHostsEntry(ADDRESS, NAME);
    const server = await listen(ADDRESS);
    port = portOf(server);
    open.push(server, await connect(port, ADDRESS));
  });
  afterAll(() => {
    restore();
    for (const o of open) {
      if ('destroy' in o) o.destroy();
      else o.close();
    }
  });

  it('names the remote end of our connection in text, JSON and CSV', async () => {
    const text = await runCli(['list', '--resolve', '--port', String(port), '--state', 'ESTABLISHED']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`${NAME}:${port}`);
    const json = await runCli(['list', '--resolve', '--json', '--port', String(port)]);
    const sockets = JSON.parse(json.stdout).sockets as {
      remoteAddress: string;
      remotePort: number;
      remoteName: string | null;
    }[];
    expect(sockets.find((s) => s.remotePort === port && s.remoteAddress === ADDRESS)?.remoteName).toBe(NAME);
    const csv = await runCli(['list', '--resolve', '--csv', '--port', String(port)]);
    expect(csv.stdout.split('\r\n')[0].endsWith(',remoteName')).toBe(true);
    expect(csv.stdout).toContain(`,${port},ESTABLISHED,`);
    expect(csv.stdout).toContain(NAME);
  });

  it('without --resolve prints addresses only', async () => {
    const text = await runCli(['list', '--port', String(port), '--state', 'ESTABLISHED']);
    expect(text.stdout).not.toContain(NAME);
    expect(text.stdout).toContain(`${ADDRESS}:${port}`);
  });
});
