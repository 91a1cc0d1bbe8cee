// Process names chosen by an attacker, through the real CLI: terminal escapes stay visible text, formulas stay text.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/net-fixtures';

/** Clears the screen and retitles the terminal when printed raw; 12 bytes, within comm's 15. */
const ESCAPE_NAME = '\x1b[2J\x1b]0;PWN\x07';
const ESCAPE_SHOWN = '\\x1b[2J\\x1b]0;PWN\\x07';
/** A formula a spreadsheet would evaluate when the cell is not neutralised. */
const FORMULA_NAME = '=HYPERLINK(1)';

interface Named {
  readonly child: ChildProcess;
  readonly port: number;
}

const children: ChildProcess[] = [];

/** A node child that renames itself (comm, via /proc/self/comm) and then holds a loopback listener. */
function namedListener(name: string): Promise<Named> {
  const script = [
    "require('node:fs').writeFileSync('/proc/self/comm', JSON.parse(process.argv[1]));",
    "const s = require('node:net').createServer(() => {});",
    "s.listen(0, '127.0.0.1', () => console.log(s.address().port));",
  ].join('\n');
  const child = spawn(process.execPath, ['-e', script, JSON.stringify(name)], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, port: Number(out.trim()) });
    });
    child.once('exit', (code) => reject(new Error(`the renamed child exited early (${code})`)));
  });
}

/** Bytes a terminal would act on: C0 controls other than newline, DEL, and C1 controls. */
// eslint-disable-next-line no-control-regex -- the test looks for raw control characters.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

let escaper: Named;
let formula: Named;

beforeAll(async () => {
  escaper = await namedListener(ESCAPE_NAME);
  formula = await namedListener(FORMULA_NAME);
});
afterAll(() => children.forEach((c) => c.kill('SIGKILL')));

describe.runIf(process.platform === 'linux')('a process named with terminal escapes', () => {
  it('really is named so: list --json reports the exact name', async () => {
    const r = await runCli(['list', '--json', '--port', String(escaper.port)]);
    expect(r.code).toBe(0);
    const rows = (JSON.parse(r.stdout) as { sockets: { process: string | null }[] }).sockets;
    expect(rows.map((s) => s.process)).toContain(ESCAPE_NAME);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });

  it.each([
    ['list', ['list', '--port', 'PORT']],
    ['who', ['who', 'PORT']],
    ['report --format text', ['report', '--format', 'text', '--filter', ':PORT']],
  ])('reaches the terminal of %s as visible text, never as control bytes', async (_name, template) => {
    const args = template.map((a) => a.replace('PORT', String(escaper.port)));
    const r = await runCli(args);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(ESCAPE_SHOWN);
    expect(r.stdout).not.toMatch(RAW_CONTROL);
  });
});

describe.runIf(process.platform === 'linux')('a process named like a spreadsheet formula', () => {
  it.each([
    ['list --csv', ['list', '--csv', '--port', 'PORT']],
    ['report --format csv', ['report', '--format', 'csv', '--filter', ':PORT']],
  ])('is a quoted, neutralised cell in %s', async (_name, template) => {
    const args = template.map((a) => a.replace('PORT', String(formula.port)));
    const r = await runCli(args);
    expect(r.code).toBe(0);
    const line = r.stdout.split('\r\n').find((l) => l.includes('HYPERLINK'));
    expect(line).toContain(`,"'${FORMULA_NAME}",`);
    expect(r.stdout).not.toMatch(new RegExp(`(^|,)${FORMULA_NAME.replace(/[()]/g, '\\$&')}`));
  });
});
