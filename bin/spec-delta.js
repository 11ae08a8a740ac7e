#!/usr/bin/env node
'use strict';
const { run } = require('../dist/cli.js');
const color = process.stdout.isTTY === true && !process.env.NO_COLOR;
process.exitCode = run(process.argv.slice(2), process.cwd(), (s) => process.stdout.write(s), (s) => process.stderr.write(s), color);
