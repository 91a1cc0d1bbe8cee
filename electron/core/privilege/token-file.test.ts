// The helper's token file is deleted whether it is accepted or refused, and refused for the right reason.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { takeTokenFile, TokenFileError } from './token-file';

const posix = process.platform !== 'win32';

describe('takeTokenFile', () => {
  let dir: string;
  let file: string;
  const valid = () =>
    JSON.stringify({ token: 'a'.repeat(43), appPid: process.pid, uid: posix ? process.getuid!() : -1 });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netinspect-token-'));
    fs.chmodSync(dir, 0o700);
    file = path.join(dir, 'token.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!posix)('accepts a well-formed file and deletes it', () => {
    fs.writeFileSync(file, valid(), { mode: 0o600 });
    expect(takeTokenFile(file).token).toBe('a'.repeat(43));
    expect(fs.existsSync(file)).toBe(false);
  });

  it.skipIf(!posix)('deletes a file refused for its mode', () => {
    fs.writeFileSync(file, valid(), { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    expect(() => takeTokenFile(file)).toThrow(/is not mode 0600/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('deletes a file refused for its size', () => {
    fs.writeFileSync(file, 'x'.repeat(5000), { mode: 0o600 });
    expect(() => takeTokenFile(file)).toThrow(/is too large/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it.skipIf(!posix)('deletes a FIFO refused as not a regular file', () => {
    execFileSync('mkfifo', ['-m', '600', file]);
    // O_RDONLY on a FIFO blocks until a writer comes: hold one open meanwhile.
    const writer = fs.openSync(file, fs.constants.O_RDWR);
    try {
      expect(() => takeTokenFile(file)).toThrow(/is not a regular file/);
    } finally {
      fs.closeSync(writer);
    }
    expect(fs.existsSync(file)).toBe(false);
  });

  it.skipIf(!posix)('keeps the refusal reason for a directory it cannot unlink', () => {
    fs.mkdirSync(file, { mode: 0o700 });
    expect(() => takeTokenFile(file)).toThrow(TokenFileError);
    expect(() => takeTokenFile(file)).toThrow(/is not a regular file/);
  });
});
