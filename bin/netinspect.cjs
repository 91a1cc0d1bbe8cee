#!/usr/bin/env node
// Entry of the `netinspect` command: runs the built CLI bundle.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'out', 'node', 'cli.cjs');
if (!fs.existsSync(cli)) {
  process.stderr.write('netinspect: not built yet. Run `npm run build` in the checkout first.\n');
  process.exit(70);
}
require(cli);
