// Adds up the JSON results of every test runner into one closing line: "N passed, N failed, N skipped".
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'out', 'test-results');
let passed = 0;
let failed = 0;
let skipped = 0;
const seen = [];

for (const name of ['unit', 'integration']) {
  const file = path.join(dir, `vitest-${name}.json`);
  if (!existsSync(file)) {
    seen.push(`${name}: no results (did not run)`);
    continue;
  }
  const r = JSON.parse(readFileSync(file, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += r.numFailedTests ?? 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  seen.push(`${name}: ${r.numPassedTests} passed, ${r.numFailedTests} failed`);
}

const e2e = path.join(dir, 'playwright.json');
if (!existsSync(e2e)) seen.push('e2e: no results (did not run)');
else {
  const s = JSON.parse(readFileSync(e2e, 'utf8')).stats ?? {};
  passed += s.expected ?? 0;
  failed += (s.unexpected ?? 0) + (s.flaky ?? 0);
  skipped += s.skipped ?? 0;
  seen.push(`e2e: ${s.expected ?? 0} passed, ${(s.unexpected ?? 0) + (s.flaky ?? 0)} failed`);
}

const wine = path.join(dir, 'wine.json');
if (!existsSync(wine)) seen.push('wine: no results (did not run)');
else {
  const w = JSON.parse(readFileSync(wine, 'utf8'));
  passed += w.passed;
  failed += w.failed;
  seen.push(`wine: ${w.passed} passed, ${w.failed} failed (${w.compared} sockets compared)`);
}

for (const line of seen) console.log(`  ${line}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
