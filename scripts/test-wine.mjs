// `npm run test:wine`: the Windows collector (Windows Node + koffi under Wine) and the Linux collector must report
// the same real loopback sockets with the same addresses, ports and states. Never passes without comparing.
// Then the app's helper pipe under Wine (test-wine-pipe.mjs); wine.json counts both steps.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleDir, buildBundle, ensureWindowsNode, linuxDir, nodeExe, run, wineEnv } from './wine-env.mjs';
import { runPipeCheck } from './test-wine-pipe.mjs';
import { openTestSockets } from './wine-sockets.mjs';

const started = Date.now();

/** Records the outcome for the CI summary (scripts/test-summary.mjs). */
function record(passed, failed, compared) {
  const dir = path.join(import.meta.dirname, '..', 'out', 'test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'wine.json'), JSON.stringify({ passed, failed, compared }));
}

function fail(message) {
  console.error(`test:wine: FAILED: ${message}`);
  record(0, 1, 0);
  process.exit(1);
}

function step(message) {
  console.log(`test:wine: ${message} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** The JSON a snapshot run wrote, or null when it wrote nothing (the program never started). */
function readResult(file) {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8'));
}

const keyOf = (s) => `${s.proto}${s.family} ${s.localAddress}:${s.localPort} ${s.remoteAddress}:${s.remotePort}`;

/** Compares every expected socket in both snapshots; returns the failures. */
function compare(expected, win, linux) {
  const index = (snap) => new Map(snap.sockets.map((s) => [keyOf(s), s]));
  const w = index(win.snapshot);
  const l = index(linux.snapshot);
  const failures = [];
  for (const e of expected) {
    const k = keyOf(e);
    const ws = w.get(k);
    const ls = l.get(k);
    const verdict = !ws ? 'missing in Windows snapshot' : !ls ? 'missing in Linux snapshot' : null;
    if (verdict) failures.push(`${k} ${e.state}: ${verdict}`);
    else if (ws.state !== e.state || ls.state !== e.state) {
      failures.push(`${k}: expected ${e.state}, Windows ${ws.state}, Linux ${ls.state}`);
    } else console.log(`  ok  ${k.padEnd(58)} ${e.state}`);
  }
  return failures;
}

/**
 * The owner path: Windows Node's own pid must resolve to node.exe with a path, start time and user. Its listener's
 * row must carry that pid, except that Wine reports pid 0 for every socket (then it is only noted).
 */
function checkOwner(win) {
  const failures = [];
  const self = win.selfLookup;
  if (self?.kind !== 'info' || self.info.name !== 'node.exe' || !self.info.exe || self.info.startTime === null) {
    failures.push(`process lookup of our own pid ${win.pid} gave ${JSON.stringify(self)}`);
  } else {
    const i = self.info;
    console.log(
      `  ok  own pid ${win.pid} -> ${i.name} (${i.exe}), user ${i.user}, started ${new Date(i.startTime).toISOString()}`,
    );
  }
  const row = win.snapshot.sockets.find((s) => s.state === 'LISTEN' && s.localPort === win.selfPort);
  if (!row) failures.push(`own listener 127.0.0.1:${win.selfPort} missing in the Windows snapshot`);
  else if (row.pid === 0) console.log(`test:wine: note: Wine reports pid 0 for our own listener :${win.selfPort}`);
  else if (row.pid !== win.pid || row.process !== 'node.exe') {
    failures.push(`own listener owned by pid ${row.pid} (${row.process}), expected ${win.pid} (node.exe)`);
  } else console.log(`  ok  own listener :${win.selfPort} -> pid ${row.pid} ${row.process}`);
  return failures;
}

async function main() {
  if (spawnSync('wine', ['--version'], { encoding: 'utf8' }).status !== 0) {
    fail('Wine is not installed or cannot start (apt-get install -y wine)');
  }
  if (!ensureWindowsNode(step)) fail('npm could not install the Windows build of Node and koffi');
  await buildBundle();
  step('bundle built');
  const sockets = await openTestSockets();
  for (const n of sockets.notes) console.log(`test:wine: note: ${n}`);
  if (sockets.expected.length === 0) fail('no loopback socket could be opened: nothing to compare');
  const winOut = path.join(bundleDir, 'win-result.json');
  const linuxOut = path.join(linuxDir, 'linux-result.json');
  // Wine's node.exe does not always truncate an existing file: start from none.
  rmSync(winOut, { force: true });
  rmSync(linuxOut, { force: true });
  try {
    step(`running the Windows collector under Wine and the Linux collector on ${sockets.expected.length} sockets`);
    const [wineRun, linuxRun] = await Promise.all([
      run('wine', [nodeExe, path.join(bundleDir, 'wine-snapshot.cjs'), winOut], wineEnv, `${winOut}.log`),
      run(process.execPath, [path.join(linuxDir, 'wine-snapshot.cjs'), linuxOut], process.env, `${linuxOut}.log`),
    ]);
    const win = readResult(winOut);
    const linux = readResult(linuxOut);
    if (!win) fail(`Wine could not run Windows Node (exit ${wineRun.code}): ${wineRun.stderr.trim() || 'no output'}`);
    if (!win.ok) fail(`the Windows collector threw under Wine:\n${win.error}`);
    if (!linux?.ok) fail(`the Linux collector failed (exit ${linuxRun.code}): ${linux?.error ?? linuxRun.stderr}`);
    if (win.platform !== 'win32') fail(`the Wine run reported platform ${win.platform}, not win32`);
    step(
      `Windows snapshot: ${win.snapshot.sockets.length} sockets in ${win.snapshot.durationMs.toFixed(0)} ms; ` +
        `Linux: ${linux.snapshot.sockets.length} in ${linux.snapshot.durationMs.toFixed(0)} ms`,
    );
    const failures = [...compare(sockets.expected, win, linux), ...checkOwner(win)];
    if (win.absentKill !== 'ESRCH') failures.push(`killing an absent pid answered ${win.absentKill}, expected ESRCH`);
    else console.log('  ok  TerminateProcess path: absent pid -> ESRCH');
    console.log(
      `test:wine: Windows token elevated: ${win.elevated}; ${win.snapshot.fallbackReason ?? 'all 4 tables read'}`,
    );
    if (failures.length > 0) fail(`${failures.length} mismatch(es):\n  ${failures.join('\n  ')}`);
    const compared = sockets.expected.length;
    console.log(`test:wine: PASSED: ${compared} sockets compared between the Windows (Wine) and Linux collectors`);
    // Second step: the app's helper pipe (scripts/test-wine-pipe.mjs); both steps count in wine.json.
    const pipe = await runPipeCheck(step);
    if (pipe.failures.length > 0) {
      console.error(`test:wine: FAILED: helper pipe:\n  ${pipe.failures.join('\n  ')}`);
      record(1, 1, compared);
      process.exitCode = 1;
      return;
    }
    console.log('test:wine: PASSED: helper pipe (user-only DACL, client pid, concurrent framed I/O, refusals)');
    record(2, 0, compared);
  } finally {
    sockets.close();
    // Stop this prefix's wineserver (and its winedevice), which would otherwise linger after the run.
    spawnSync('wineserver', ['-k'], { env: wineEnv });
  }
}

main().catch((e) => fail(e?.stack ?? String(e)));
