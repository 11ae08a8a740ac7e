import * as fs from 'node:fs';
import * as path from 'node:path';
import { parentPort } from 'node:worker_threads';

// An analysis thread that dies on its first job: the first time it starts (no mark file yet), or
// every time with SPEC_DELTA_TEST_CRASH_ALWAYS. Otherwise it is the real worker of the bundle.
const mark = process.env.SPEC_DELTA_TEST_CRASH_MARK ?? '';
const crash = process.env.SPEC_DELTA_TEST_CRASH_ALWAYS === '1' || !fs.existsSync(mark);
if (crash) {
  if (mark) fs.writeFileSync(mark, '');
  parentPort?.once('message', () => process.exit(3));
} else {
  // The real worker, the server's bundle, loaded by path at run time (it is a built bundle, not a
  // module of this build): started with the server's mark, it serves analyses.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(process.env.SPEC_DELTA_TEST_ROOT ?? '', 'dist/server.js'));
}
