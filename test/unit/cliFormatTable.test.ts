import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CATALOG_FORMATS, type CatalogFormat } from '../../server/src/cli/catalogFormats';
import type { LintFormat } from '../../server/src/cli/formats/format';
import { LINT_FORMATS } from '../../server/src/cli/formats/index';
import { cli } from '../support/cli';
import { APPROVED } from '../support/fixtures';

/**
 * The CLI's formats come from one table each (lint's and catalog's): a format added to the table
 * is offered by --help and the unknown-format message, and chosen by --format, with no other edit.
 */

/** Runs `body` with `entry` added to `table` under `name`, then takes it out again. */
function withEntry<T>(table: Readonly<Record<string, T>>, name: string, entry: T, body: () => void): void {
  const writable = table as Record<string, T>;
  writable[name] = entry;
  try {
    body();
  } finally {
    delete writable[name];
  }
}

function inTemp(body: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-delta-format-table-'));
  try {
    fs.writeFileSync(path.join(dir, 'a.md'), APPROVED);
    body(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the help and the unknown-format message list the lint formats of the table, the first as the default', () => {
  const names = Object.keys(LINT_FORMATS);
  assert.deepEqual(names.slice(0, 4), ['stylish', 'json', 'sarif', 'github']);
  const help = cli(process.cwd(), '--help').stdout;
  assert.match(help, /--format <name> {2}stylish \(default\), json, sarif, github, gitlab \(Code Quality\) or junit\n/);
  assert.equal(cli(process.cwd(), 'lint', '--format', 'xml').stderr, "spec-delta: unknown format 'xml': use stylish, json, sarif, github, gitlab or junit\n");
  // A name an object has without the table saying so is no format.
  assert.equal(cli(process.cwd(), 'lint', '--format', 'toString').code, 2);
});

test('a lint format added to the table is offered and chosen, with the files and the working directory', () => {
  inTemp((dir) => {
    const seen: string[] = [];
    const tsv: LintFormat = {
      note: '(tab-separated)',
      write: (results, { cwd }) => {
        seen.push(cwd);
        return results.map((r) => `${r.file}\t${r.diagnostics.length}\n`).join('');
      },
    };
    withEntry(LINT_FORMATS, 'tsv', tsv, () => {
      assert.match(cli(dir, '--help').stdout, /gitlab \(Code Quality\), junit or tsv \(tab-separated\)\n/);
      assert.match(cli(dir, 'lint', '--format', 'nope').stderr, /use stylish, json, sarif, github, gitlab, junit or tsv\n/);
      assert.deepEqual(cli(dir, 'lint', '--format=tsv', 'a.md'), { code: 0, stdout: 'a.md\t1\n', stderr: '' });
      assert.deepEqual(seen, [dir]);
    });
    assert.equal(cli(dir, 'lint', '--format=tsv', 'a.md').code, 2, 'gone with its table line');
  });
});

test('a catalog format added to the table is offered, chosen, and writes --output its own way', () => {
  inTemp((dir) => {
    assert.match(cli(dir, 'catalog', '--help').stdout, /--format <name> {2}json \(default\) or markdown \(the index table\)\n/);
    const ids: CatalogFormat = {
      note: '(one id a line)',
      write: (catalog) => catalog.invariants.map((i) => `${i.id}\n`).join(''),
      intoFile: (existing, text, shown) => (existing === undefined ? text : { refused: `'${shown}' exists` }),
    };
    withEntry(CATALOG_FORMATS, 'ids', ids, () => {
      assert.match(cli(dir, 'catalog', '--help').stdout, /json \(default\), markdown \(the index table\) or ids \(one id a line\)\n/);
      assert.match(cli(dir, 'catalog', '--format', 'nope').stderr, /use json, markdown or ids\n/);
      assert.deepEqual(cli(dir, 'catalog', '--format', 'ids', 'a.md'), { code: 0, stdout: 'INVARIANT-042\n', stderr: '' });
      assert.deepEqual(cli(dir, 'catalog', '--format', 'ids', '-o', 'ids.txt', 'a.md'), { code: 0, stdout: '', stderr: '' });
      assert.equal(fs.readFileSync(path.join(dir, 'ids.txt'), 'utf8'), 'INVARIANT-042\n');
      assert.deepEqual(cli(dir, 'catalog', '--format', 'ids', '-o', 'ids.txt', 'a.md'), { code: 2, stdout: '', stderr: "spec-delta: 'ids.txt' exists\n" });
    });
  });
});
