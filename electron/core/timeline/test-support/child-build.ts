// Builds the recorder child (TypeScript) into out/, so a plain `node` can run it and find node_modules.
import path from 'node:path';
import { ROOT } from '../../../test-support/net-fixtures';
import { bundleForNode } from '../../../test-support/probe-bundle';

/** Path of the built recorder child (CommonJS; libsql stays external and loads from node_modules). */
export async function buildRecorderChild(): Promise<string> {
  const outDir = path.join(ROOT, 'out', 'timeline-test-child');
  await bundleForNode({ 'recorder-child': path.join(__dirname, 'recorder-child.ts') }, outDir, true);
  return path.join(outDir, 'recorder-child.cjs');
}
