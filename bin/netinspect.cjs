#!/usr/bin/env node
// Entry of the `netinspect` command: runs the built CLI bundle, from V8's code cache when the build made one.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'out', 'node', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('netinspect: not built yet. Run `npm run build` in the checkout first.\n');
  process.exit(70);
}

/**
 * Compiles and runs the bundle as the CommonJS module it is, with `cli.cjs.cache` as its code cache: compiling a
 * 1 MB bundle costs more than the rest of a small command. The cache sits beside the bundle, written by the build
 * (NETINSPECT_WRITE_CODE_CACHE=1): it is as trusted as the code itself, and never written anywhere at run time.
 */
function runWithCodeCache(file) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (process.env.NETINSPECT_WRITE_CODE_CACHE === '1') {
    // After the run, so the cache holds every function the run compiled, not only the top level.
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    });
  }
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod;
  const fn = script.runInThisContext();
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
}

// `list` may be answered by a netinspect already running for this user: its small client is tried first, and the
// bundle loads only when that cannot answer.
const warm = path.join(__dirname, '..', 'out', 'node', 'warm-list.cjs');
if (process.argv[2] === 'list' && fs.existsSync(warm)) {
  require(warm).runWarmList(process.argv.slice(3), () => runWithCodeCache(cli));
} else {
  runWithCodeCache(cli);
}
