#!/usr/bin/env node
// Entry of the `netinspect` command: runs the built CLI bundle, from V8's code cache when the build made one.
const path = require('node:path');
const fs = require('node:fs');
const { runWithCodeCache } = require('./code-cache.cjs');
const cli = path.join(__dirname, '..', 'out', 'node', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('netinspect: not built yet. Run `npm run build` in the checkout first.\n');
  process.exit(70);
}

// `serve`'s first table waits for the collector process: forked now, it starts while the bundle loads and core
// starts, and core's collector host takes it (bin/early-collector.cjs).
if (process.argv[2] === 'serve') {
  require('./early-collector.cjs').startEarlyCollector(
    path.join(__dirname, '..', 'out', 'node', 'collector-worker.cjs'),
  );
}

// `list` may be answered by a netinspect already running for this user: its small client is tried first, and the
// bundle loads only when that cannot answer.
const warm = path.join(__dirname, '..', 'out', 'node', 'warm-list.cjs');
if (process.argv[2] === 'list' && fs.existsSync(warm)) {
  require(warm).runWarmList(process.argv.slice(3), () => runWithCodeCache(cli, module));
} else {
  runWithCodeCache(cli, module);
}
