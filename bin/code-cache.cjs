// Runs a built CommonJS bundle from V8's code cache beside it: compiling a bundle of half a megabyte or more costs
// more than the rest of a small command, or of a collector's start.
const path = require('node:path');
const fs = require('node:fs');
const vm = require('node:vm');
const Module = require('node:module');

/**
 * Compiles and runs `file` as the CommonJS module it is, with `<file>.cache` as its code cache. The cache sits
 * beside the bundle, written by the build (NETINSPECT_WRITE_CODE_CACHE=1, at the end of a run, so that it holds
 * every function the run compiled, not only the top level): it is as trusted as the code itself, and never written
 * anywhere at run time. V8 uses it only when it matches (same V8, same flags, same source); a stale or foreign one
 * (Electron's own V8) is compiled past.
 */
function runWithCodeCache(file, parent) {
  const cacheFile = `${file}.cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (process.env.NETINSPECT_WRITE_CODE_CACHE === '1') {
    process.once('exit', () => {
      const tmp = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(tmp, script.createCachedData());
      fs.renameSync(tmp, cacheFile);
    });
  }
  const mod = new Module(file, parent);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  require.cache[file] = mod;
  const fn = script.runInThisContext();
  fn.call(mod.exports, mod.exports, Module.createRequire(file), mod, file, path.dirname(file));
  mod.loaded = true;
}

module.exports = { runWithCodeCache };
