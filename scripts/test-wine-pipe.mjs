// test:wine's pipe step: the app's Windows helper pipe (koffi, overlapped I/O, user-only DACL) under Windows Node in
// Wine, with child Windows Node clients. Run by test-wine.mjs; `node scripts/test-wine-pipe.mjs` runs it alone.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWineEntry, ensureWindowsNode, nodeExe, run, wineDir, wineEnv } from './wine-env.mjs';

const pipeBundleDir = path.join(wineDir, 'pipe-bundle');

/**
 * Builds and runs the pipe entry under Wine; prints each check. Resolves with the failures (empty when all passed),
 * plus what the run said about the elevation check (real, or injected because Wine's tokens differ from UAC's).
 */
export async function runPipeCheck(step) {
  if (!ensureWindowsNode(step)) return { failures: ['npm could not install the Windows build of Node and koffi'] };
  // One CommonJS file under .wine-node, so Windows Node resolves koffi's win32 build there.
  await buildWineEntry('wine-pipe', pipeBundleDir);
  const out = path.join(pipeBundleDir, 'pipe-result.json');
  rmSync(out, { force: true });
  step('running the helper pipe check under Wine (app pipe + child clients)');
  const r = await run('wine', [nodeExe, path.join(pipeBundleDir, 'wine-pipe.cjs'), out], wineEnv, `${out}.log`);
  if (!existsSync(out)) return { failures: [`Wine could not run the pipe check (exit ${r.code}): ${r.stderr.trim()}`] };
  const result = JSON.parse(readFileSync(out, 'utf8'));
  const failures = [];
  if (result.platform !== 'win32') failures.push(`the pipe check ran on ${result.platform}, not win32`);
  for (const c of result.checks) {
    console.log(`  ${c.ok ? 'ok ' : 'BAD'} ${c.name.padEnd(44)} ${c.detail}`);
    if (!c.ok) failures.push(`${c.name}: ${c.detail}`);
  }
  if (!result.ok) failures.push(`the pipe check threw: ${result.error}`);
  else if (result.checks.length === 0) failures.push('the pipe check ran no check');
  console.log(`test:wine: pipe: ${result.elevation}; ${result.enforcement}`);
  return { failures, elevation: result.elevation };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { failures } = await runPipeCheck((m) => console.log(`test:wine-pipe: ${m}`));
  if (failures.length > 0) {
    console.error(`test:wine-pipe: FAILED:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  } else console.log('test:wine-pipe: PASSED');
}
