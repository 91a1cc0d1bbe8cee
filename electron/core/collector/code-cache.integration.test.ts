// The code caches the build writes (bin/code-cache.cjs) must be ones this Node takes: V8 drops a cache made with
// other flags, without a word, and every start compiles again. The collector sets a heap flag as it runs, which the
// build's run puts back before writing its cache (collector/worker.ts).
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';

const OUT = path.resolve(__dirname, '..', '..', '..', 'out', 'node');

function cacheTaken(bundle: string): boolean {
  const file = path.join(OUT, bundle);
  const script = new vm.Script(Module.wrap(readFileSync(file, 'utf8')), {
    filename: file,
    cachedData: readFileSync(`${file}.cache`),
  });
  return script.cachedDataRejected === false;
}

describe("the build's code caches", () => {
  it('are taken by this Node for the CLI and for the collector process', () => {
    expect(cacheTaken('cli.cjs')).toBe(true);
    expect(cacheTaken('collector.cjs')).toBe(true);
  });
});
