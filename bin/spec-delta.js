#!/usr/bin/env node
'use strict';
const { run } = require('../dist/cli.js');
const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
// A reader that stops early (`spec-delta lint | head`) closes the pipe; that is not a crash.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit();
});
process.exitCode = run(
  process.argv.slice(2),
  process.cwd(),
  (s) => process.stdout.write(s),
  (s) => process.stderr.write(s),
  color,
);
