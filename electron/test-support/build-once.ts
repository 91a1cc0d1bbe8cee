// Vitest global setup of the integration project: build the bundles first, so tests never run stale output.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(__dirname, '..', '..');
  execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs'), 'node', 'renderer', 'preload'], {
    cwd: root,
    stdio: 'inherit',
  });
}
