// The JSON report validates against docs/report-schema.json, and its per-state counts equal ss's for this test's port.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020';
import { afterAll, describe, expect, it } from 'vitest';
import { ssLines } from '../../test-support/child-fixtures';
import { ROOT, connect, listen, portOf, runCli } from '../../test-support/net-fixtures';

/** ss -tan's state names -> the model's. */
const SS_STATES: Readonly<Record<string, string>> = {
  ESTAB: 'ESTABLISHED',
  'TIME-WAIT': 'TIME_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'FIN-WAIT-1': 'FIN_WAIT_1',
  'FIN-WAIT-2': 'FIN_WAIT_2',
  'LAST-ACK': 'LAST_ACK',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECEIVED',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
};

describe('netinspect report --format json', () => {
  const open: (net.Server | net.Socket)[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-report-'));
  afterAll(() => {
    for (const o of open) {
      if ('destroy' in o) o.destroy();
      else o.close();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('validates against its schema and counts states as ss does, for the scenario this test builds', async () => {
    // LISTEN; 4 ESTABLISHED pairs; 3 closed by the server first (server TIME_WAIT on the port); 2 half-closed by
    // the server where the client never closes (client CLOSE_WAIT, server FIN_WAIT_2).
    const server = await listen();
    open.push(server);
    const port = portOf(server);
    // One pair at a time: the next 'connection' is this client's peer.
    const pair = async (allowHalfOpen = false) => {
      const [c, accepted] = await Promise.all([
        new Promise<net.Socket>((resolve, reject) => {
          const s = net.connect({ port, host: '127.0.0.1', allowHalfOpen }, () => resolve(s));
          s.once('error', reject);
        }),
        new Promise<net.Socket>((resolve) => server.once('connection', resolve)),
      ]);
      c.on('error', () => {});
      open.push(c);
      return { client: c, server: accepted };
    };
    for (let i = 0; i < 4; i++) open.push((await pair()).server);
    for (let i = 0; i < 3; i++) {
      const p = await pair();
      p.server.destroy();
      await new Promise((r) => p.client.once('close', r));
    }
    for (let i = 0; i < 2; i++) (await pair(true)).server.end();
    await connect(port).then((s) => open.push(s));
    await new Promise((r) => setTimeout(r, 200));

    const file = path.join(dir, 'report.json');
    const r = await runCli(['report', '--format', 'json', '--filter', `:${port}`, '-o', file]);
    expect(r.code, r.stderr).toBe(0);
    const ss = execFileSync('ss', ['-tanH'], { encoding: 'utf8', maxBuffer: 256 << 20 });
    const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      schema: string;
      stateCounts: { snapshot: { proto: string; state: string; count: number }[] };
    };

    const schema: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'report-schema.json'), 'utf8'));
    const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false });
    const validate = ajv.compile(schema as object);
    expect(validate(report), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(report.schema).toBe('netinspect.report/1');

    const expected = new Map<string, number>();
    for (const line of ssLines(ss, port)) {
      const state = SS_STATES[line.trim().split(/\s+/)[0]] ?? '?';
      expected.set(state, (expected.get(state) ?? 0) + 1);
    }
    const got = new Map(report.stateCounts.snapshot.filter((c) => c.proto === 'tcp').map((c) => [c.state, c.count]));
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
    // The scenario's states are all there, so a report that lost one would fail above.
    for (const s of ['LISTEN', 'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'FIN_WAIT_2'])
      expect(got.get(s), s).toBeGreaterThan(0);
  });

  it('rejects a broken report: the schema is not a rubber stamp', () => {
    const schema: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'docs', 'report-schema.json'), 'utf8'));
    const validate = new Ajv2020({ strict: true, validateFormats: false }).compile(schema as object);
    expect(validate({ schema: 'netinspect.report/1' })).toBe(false);
  });

  it('exits 2 with one line for an unknown format, a bad window and an unwritable path', async () => {
    for (const args of [
      ['report', '--format', 'xml'],
      ['report', '--window', '7s'],
      ['report', '-o', path.join(dir, 'missing', 'r.json')],
    ]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
    }
  });
});
