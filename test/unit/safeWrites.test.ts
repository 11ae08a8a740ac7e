import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { CreationFs, createExclusively, targetDirectory } from '../../server/src/node/newSpecDeltaFile';
import { MAX_ATTEMPTS } from '../../server/src/core/newSpecDeltaText';
import { readRepoFile } from '../support/repo';
import { lspLines } from '../support/positions';
import { cli } from '../support/cli';
import { inTemp } from '../support/tempFolders';

/**
 * SPEC section 5 and issue 7, safe writes: New Spec Delta never overwrites a file, even when two
 * creations race for one name, and never writes outside the workspace folder; `lint --fix` writes
 * only the files it was given (never through a symbolic link), atomically, keeping line endings,
 * BOM and mode.
 */

function write(file: string, text: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/** Every file below a folder (links listed, not followed), relative, sorted. */
function tree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/')).sort();
}

const render = (id: string): string => `# Spec Delta: ${id} Checkout totals\n`;

// ---- New Spec Delta: exclusive creation --------------------------------------------------------

test('two New Spec Delta creations racing for one name in a real folder: each gets its own file, neither overwrites', async () => {
  await inTemp(async (dir) => {
    const [a, b] = await Promise.all([
      createExclusively(fs.promises, dir, 'INVARIANT-042', 'Checkout totals', render),
      createExclusively(fs.promises, dir, 'INVARIANT-042', 'Checkout totals', render),
    ]);
    assert.deepEqual([a, b].map((f) => path.basename(f!)).sort(), ['INVARIANT-042-checkout-totals.md', 'INVARIANT-043-checkout-totals.md']);
    for (const file of [a!, b!])
      assert.equal(fs.readFileSync(file, 'utf8'), render(path.basename(file).slice(0, 'INVARIANT-04x'.length)), 'each file holds its own id');
  });
});

test('an existing file, or a dangling link in its place, is never replaced: the id moves on', async () => {
  await inTemp(async (dir) => {
    const existing = write(path.join(dir, 'specs/INVARIANT-042-checkout-totals.md'), 'written by hand\n');
    const target = path.join(dir, 'elsewhere.md');
    fs.symlinkSync(target, path.join(dir, 'specs/INVARIANT-043-checkout-totals.md'));
    const created = await createExclusively(fs.promises, path.join(dir, 'specs'), 'INVARIANT-042', 'Checkout totals', render);
    assert.equal(path.basename(created!), 'INVARIANT-044-checkout-totals.md');
    assert.equal(fs.readFileSync(existing, 'utf8'), 'written by hand\n');
    assert.equal(fs.existsSync(target), false, 'nothing was written through the link');
  });
});

/**
 * An in-memory file system whose exclusive create is atomic (as O_EXCL is) but whose calls
 * interleave: each waits a turn of the event loop first, so that concurrent creations really race.
 */
function racingFs(files = new Map<string, string>()): CreationFs & { files: Map<string, string>; flags: string[] } {
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  const flags: string[] = [];
  return {
    files,
    flags,
    async writeFile(file, data, options) {
      flags.push(options.flag);
      await turn();
      if (files.has(file)) throw Object.assign(new Error(`EEXIST: ${file}`), { code: 'EEXIST' });
      files.set(file, data);
    },
    async mkdir() {},
    async realpath(file) {
      return file;
    },
  };
}

test('racing creations of one name: exactly one takes it, the others the next free names; only exclusive writes', async () => {
  const memory = racingFs();
  const results = await Promise.all(Array.from({ length: 5 }, () => createExclusively(memory, '/ws/specs', 'INVARIANT-042', 'Totals', render)));
  assert.deepEqual(results.map((f) => path.basename(f!)).sort(), [
    'INVARIANT-042-totals.md',
    'INVARIANT-043-totals.md',
    'INVARIANT-044-totals.md',
    'INVARIANT-045-totals.md',
    'INVARIANT-046-totals.md',
  ]);
  assert.equal(memory.files.size, 5);
  assert.ok(
    memory.flags.every((f) => f === 'wx'),
    'every write is exclusive',
  );
});

test('an id without a number, taken: the second creation fails clearly instead of overwriting', async () => {
  const memory = racingFs();
  const [a, b] = await Promise.all([
    createExclusively(memory, '/ws', 'INV-ALPHA', 'Totals', () => 'first\n'),
    createExclusively(memory, '/ws', 'INV-ALPHA', 'Totals', () => 'second\n'),
  ]);
  assert.deepEqual([a, b].filter(Boolean), ['/ws/INV-ALPHA-totals.md'], 'exactly one wins; the other returns no file');
  assert.equal(memory.files.get('/ws/INV-ALPHA-totals.md'), 'first\n');
});

test(`every one of the next ${MAX_ATTEMPTS} names taken: no file is written, and other write errors are not swallowed`, async () => {
  const taken = new Map(Array.from({ length: MAX_ATTEMPTS }, (_, i) => [`/ws/INVARIANT-${String(42 + i).padStart(3, '0')}-totals.md`, 'kept\n'] as const));
  const memory = racingFs(new Map(taken));
  assert.equal(await createExclusively(memory, '/ws', 'INVARIANT-042', 'Totals', render), undefined);
  assert.deepEqual(memory.files, taken);

  const denied: CreationFs = {
    ...racingFs(),
    writeFile: async () => Promise.reject(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })),
  };
  await assert.rejects(createExclusively(denied, '/ws', 'INVARIANT-042', 'Totals', render), /EACCES/);
});

// ---- New Spec Delta: only inside the workspace folder ----------------------------------------

test('the folder setting: inside the workspace it is created; `..` or a link out of the workspace is refused and nothing is made outside', async () => {
  await inTemp(async (dir) => {
    const workspace = path.join(dir, 'ws');
    const outside = path.join(dir, 'outside');
    fs.mkdirSync(path.join(workspace, 'docs'), { recursive: true });
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(workspace, 'docs/linked'));

    assert.deepEqual(await targetDirectory(fs.promises, workspace, 'docs/spec-deltas'), { directory: path.join(workspace, 'docs/spec-deltas') });
    assert.ok(fs.statSync(path.join(workspace, 'docs/spec-deltas')).isDirectory());
    assert.deepEqual(await targetDirectory(fs.promises, workspace, '.'), { directory: workspace });

    for (const setting of ['../outside', '/tmp', 'docs/../../outside', 'docs/linked', 'docs/linked/new/deeper']) {
      const result = await targetDirectory(fs.promises, workspace, setting);
      assert.deepEqual(result, { error: `the folder setting '${setting}' points outside the workspace folder.` }, setting);
    }
    assert.deepEqual(fs.readdirSync(outside), [], 'no folder was made through the link');

    // A workspace folder opened through a link of its own is still itself.
    fs.symlinkSync(workspace, path.join(dir, 'ws-link'));
    assert.deepEqual(await targetDirectory(fs.promises, path.join(dir, 'ws-link'), 'docs/spec-deltas'), {
      directory: path.join(dir, 'ws-link', 'docs/spec-deltas'),
    });
  });
});

// ---- lint --fix --------------------------------------------------------------------------------

const UNDER_REVIEW = readRepoFile('examples/INVARIANT-051-migrations-keep-deployed-columns.md');
/** A spec delta that --fix changes: its Review Checklist section is missing. */
const FIXABLE = UNDER_REVIEW.slice(0, UNDER_REVIEW.indexOf('## Review Checklist')) + UNDER_REVIEW.slice(UNDER_REVIEW.indexOf('## Approval'));

test('folders and globs skip symbolic links (to a folder or a file), so lint --fix never writes through one', async () => {
  await inTemp((dir) => {
    const outsideFile = write(path.join(dir, 'outside/sub/INVARIANT-051.md'), FIXABLE);
    const inside = write(path.join(dir, 'ws/specs/INVARIANT-052.md'), FIXABLE.replaceAll('INVARIANT-051', 'INVARIANT-052'));
    fs.symlinkSync(path.join(dir, 'outside/sub'), path.join(dir, 'ws/specs/linked'));
    fs.symlinkSync(outsideFile, path.join(dir, 'ws/specs/INVARIANT-053.md'));
    const cwd = path.join(dir, 'ws');
    for (const paths of [['specs'], ['specs/**/*.md'], ['**/*.md'], ['.']]) {
      const result = cli(cwd, 'lint', '--fix', '--format', 'json', ...paths);
      assert.equal(result.stderr, '', paths.join(' '));
      assert.deepEqual(
        (JSON.parse(result.stdout) as { file: string }[]).map((f) => f.file),
        [path.join('specs', 'INVARIANT-052.md')],
        `${paths.join(' ')}: only the file inside is linted`,
      );
    }
    assert.ok(fs.readFileSync(inside, 'utf8').includes('## Review Checklist'), 'the file inside was fixed');
    assert.equal(fs.readFileSync(outsideFile, 'utf8'), FIXABLE, 'the file behind the link is untouched');
    assert.deepEqual(tree(path.join(dir, 'outside')), ['sub', 'sub/INVARIANT-051.md'], 'no temporary file was left outside');
  });
});

test('lint --fix on a symbolic link named on the command line: linted, but neither written through nor replaced; one clear line, exit 2', async () => {
  await inTemp((dir) => {
    const target = write(path.join(dir, 'outside/INVARIANT-051.md'), FIXABLE);
    const cwd = path.join(dir, 'ws');
    fs.mkdirSync(path.join(cwd, 'specs'), { recursive: true });
    const link = path.join(cwd, 'specs/link.md');
    fs.symlinkSync(target, link);

    const linted = cli(cwd, 'lint', '--format', 'json', 'specs/link.md');
    assert.equal(linted.code, 1, 'without --fix the link is linted like any file named');
    const fixed = cli(cwd, 'lint', '--fix', 'specs/link.md');
    assert.equal(fixed.code, 2);
    assert.equal(fixed.stdout, '');
    assert.equal(fixed.stderr, `spec-delta: cannot write '${path.join('specs', 'link.md')}': it is a symbolic link; fix the file it points to instead\n`);
    assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(fs.readFileSync(target, 'utf8'), FIXABLE, 'the file it points to is untouched');
    assert.deepEqual(tree(cwd), ['specs', 'specs/link.md'], 'no temporary file is left');
  });
});

test("lint --fix keeps each file's line ends (LF, CRLF, lone CR), its BOM or none, and its mode", async () => {
  await inTemp((dir) => {
    const cases = ['\n', '\r\n', '\r'].flatMap((eol) => [false, true].map((bom) => ({ eol, bom })));
    const files = cases.map(({ eol, bom }, i) => {
      const id = `INVARIANT-${String(300 + i)}`;
      const text = (bom ? '\uFEFF' : '') + FIXABLE.replaceAll('INVARIANT-051', id).replace(/\n/g, eol);
      const file = write(path.join(dir, `specs/${id}.md`), text);
      fs.chmodSync(file, 0o640);
      return { file, text, eol, bom };
    });
    const result = cli(dir, 'lint', '--fix', 'specs');
    assert.match(result.stdout, new RegExp(`fixed ${cases.length} files`));
    for (const { file, text, eol, bom } of files) {
      const what = `${JSON.stringify(eol)}${bom ? ' with a BOM' : ''}`;
      const fixed = fs.readFileSync(file, 'utf8');
      assert.ok(fixed.includes(`## Review Checklist${eol}`), `${what}: the section was inserted`);
      assert.equal(fixed.charCodeAt(0) === 0xfeff, bom, `${what}: the BOM is kept as it was`);
      assert.deepEqual(new Set(fixed.match(/\r\n|\r|\n/g)), new Set([eol]), `${what}: every line end is the file's own`);
      // Nothing the author wrote changed: every line is still there, in order.
      const rest = lspLines(fixed);
      let at = 0;
      for (const line of lspLines(text)) {
        while (at < rest.length && rest[at] !== line) at++;
        assert.ok(at++ < rest.length, `${what}: the line '${line}' is kept`);
      }
      assert.equal(fs.statSync(file).mode & 0o777, 0o640, `${what}: the mode is kept`);
    }
    assert.deepEqual(tree(path.join(dir, 'specs')), files.map((f) => path.basename(f.file)).sort(), 'no temporary file is left');
  });
});
