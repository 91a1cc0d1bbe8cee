// Temporary folders for recording tests, and a fingerprint of a folder to prove that nothing in it changed.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const made: string[] = [];

/** A new empty folder under the OS temp folder, removed by `removeTempDirs`. */
export function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'netinspect-timeline-test-'));
  made.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Every file of a folder -> sha256 of its bytes: equal fingerprints mean no file appeared, went or changed. */
export function fingerprint(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    out[name] = createHash('sha256')
      .update(readFileSync(path.join(dir, name)))
      .digest('hex');
  }
  return out;
}
