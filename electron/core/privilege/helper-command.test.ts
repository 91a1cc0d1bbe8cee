// The command given to the elevation prompt: only the fixed parts, each quoted so no shell layer can reinterpret it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/model/errors';
import { buildHelperCommand } from './helper-command';

const linux = { platform: 'linux' as const, binary: '/usr/bin/node', script: '/opt/netinspect/out/node/helper.cjs' };

/** Runs `command` the way @vscode/sudo-prompt does on Linux (pkexec left out): sh -c '... /bin/bash -c "<escaped>"'. */
function throughSudoPromptShells(command: string): string[] {
  const escaped = command.replace(/"/g, '\\"');
  const out = execFileSync('/bin/sh', ['-c', `/bin/bash -c "echo SUDOPROMPT; ${escaped}"`], { encoding: 'utf8' });
  const [marker, json] = out.trim().split('\n');
  expect(marker).toBe('SUDOPROMPT');
  return JSON.parse(json ?? 'null') as string[];
}

describe('buildHelperCommand', () => {
  it('is exactly the env assignment, binary, script and token file, single-quoted', () => {
    const cmd = buildHelperCommand({ ...linux, tokenFile: '/tmp/netinspect-Ab12/token.json' });
    expect(cmd).toBe(
      "ELECTRON_RUN_AS_NODE=1 '/usr/bin/node' '/opt/netinspect/out/node/helper.cjs' '/tmp/netinspect-Ab12/token.json'",
    );
  });

  it('takes no other input: its only parameters are the three paths and the platform', () => {
    const parts = { ...linux, tokenFile: '/tmp/t/token.json', pid: '1; rm -rf /' } as Parameters<
      typeof buildHelperCommand
    >[0];
    expect(buildHelperCommand(parts)).not.toContain('rm -rf');
  });

  it.each(['$(reboot)', '`id`', 'a\\b', 'a"b', 'line\nbreak', 'nul\0'])('refuses a path holding %j', (bad) => {
    expect(() => buildHelperCommand({ ...linux, tokenFile: `/tmp/${bad}/token.json` })).toThrow(AppError);
    const thrown = ((): unknown => {
      try {
        return buildHelperCommand({ ...linux, script: `/opt/${bad}/helper.cjs`, tokenFile: '/tmp/t/token.json' });
      } catch (e) {
        return e;
      }
    })();
    expect(thrown).toMatchObject({ code: 'NOT_SUPPORTED', key: 'privilege.unsafePath' });
  });

  it('refuses relative paths', () => {
    expect(() => buildHelperCommand({ ...linux, tokenFile: 'token.json' })).toThrow(AppError);
  });

  it("survives sudo-prompt's two shell layers with spaces, quotes and globs in the paths", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "netinspect cmd 'test' *; & |"));
    try {
      const script = path.join(dir, "print argv (it's).cjs");
      fs.writeFileSync(
        script,
        'process.stdout.write(JSON.stringify(process.argv.slice(2).concat(process.env.ELECTRON_RUN_AS_NODE)))',
      );
      const tokenFile = path.join(dir, 'token.json');
      const argv = throughSudoPromptShells(
        buildHelperCommand({ platform: 'linux', binary: process.execPath, script, tokenFile }),
      );
      expect(argv).toEqual([tokenFile, '1']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('quotes for cmd.exe on Windows and refuses % (expanded even inside quotes)', () => {
    const win = {
      platform: 'win32' as const,
      binary: 'C:\\Program Files\\netinspect\\netinspect.exe',
      script: 'C:\\Program Files\\netinspect\\resources\\app\\out\\node\\helper.cjs',
      tokenFile: 'C:\\Users\\Ann\\AppData\\Local\\Temp\\netinspect-x1\\token.json',
    };
    expect(buildHelperCommand(win)).toBe(
      'set "ELECTRON_RUN_AS_NODE=1" && "C:\\Program Files\\netinspect\\netinspect.exe" ' +
        '"C:\\Program Files\\netinspect\\resources\\app\\out\\node\\helper.cjs" ' +
        '"C:\\Users\\Ann\\AppData\\Local\\Temp\\netinspect-x1\\token.json"',
    );
    expect(() => buildHelperCommand({ ...win, tokenFile: 'C:\\%PATH%\\token.json' })).toThrow(AppError);
  });
});
