#!/usr/bin/env node
// The `logsift` command: runs the bundled CLI that `npm install` (prepare) or `npm run build` made.
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'node', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('logsift: the app is not built yet; run "npm run build" in the Logsift folder first.\n');
  process.exit(1);
}
require(cli);
