import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import Ajv2020 from 'ajv/dist/2020';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { lintFiles } from '../../server/src/cli/lint';
import { DEFAULT_ID_PATTERN, analyze, catalogEntry, documentStatus, parseDocument } from '../../server/src/core';
import { expandPaths } from '../../server/src/node/files';
import type { Catalog, CatalogEntry } from '$shared/protocol';
import { ROOT, readRepoFile } from '../support/repo';
import { APPROVED, TEMPLATE } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { cli } from '../support/cli';
import { inTemp, write } from '../support/tempFolders';

/**
 * `spec-delta catalog` (SPEC section 7): the JSON entry of every bundled example field by field,
 * the schema against real output, placeholders as null, reproducible bytes, the markdown index,
 * `--output` between the markers and `--check`.
 */

function catalog(cwd: string, ...paths: string[]): Catalog {
  const result = cli(cwd, 'catalog', '--format', 'json', ...paths);
  assert.equal(result.stderr, '');
  assert.equal(result.code, 0);
  return JSON.parse(result.stdout) as Catalog;
}

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(readRepoFile('schemas/catalog.schema.json')) as object);

function assertValid(value: unknown): void {
  assert.ok(validate(value), JSON.stringify(validate.errors, null, 2));
}

const approval = (role: string, name: string | null, date: string | null, decision: string | null) => ({ role, name, date, decision });
const clean = { errors: 0, warnings: 0, information: 0 };

const EXAMPLES: CatalogEntry[] = [
  {
    id: 'INVARIANT-017',
    title: 'Order totals equal the sum of their line items',
    file: 'examples/INVARIANT-017-order-total-equals-line-items.md',
    status: 'Approved',
    severity: 'Critical',
    date: '2025-09-22',
    author: 'Daniel Okafor',
    categories: ['Critical Data Protection'],
    enforcement: 'Hard Block',
    complexity: ['Runtime check needed'],
    rule: {
      text: 'OrderService MUST persist an order only if its total equals the sum of its line items, discounts, shipping and tax WHEN an order is created or changed',
      component: 'OrderService',
      modal: 'MUST',
      requirement: 'persist an order only if its total equals the sum of its line items, discounts, shipping and tax',
      condition: 'an order is created or changed',
    },
    implementationPr: 'https://git.example.com/shop/order-service/pull/1874',
    approvals: [
      approval('Author', 'Daniel Okafor', '2025-09-24', 'Proposed'),
      approval('Tech Lead', 'Jonas Weber', '2025-09-26', 'Approved'),
      approval('Platform Owner', 'Ama Mensah', '2025-09-29', 'Approved'),
    ],
    references: [],
    completeness: { done: 19, total: 19 },
    problems: clean,
  },
  {
    id: 'INVARIANT-033',
    title: 'Search responds within its latency budget',
    file: 'examples/INVARIANT-033-search-latency-budget.md',
    status: 'Rejected',
    severity: 'Medium',
    date: '2025-12-03',
    author: 'Mei Tanaka',
    categories: ['Performance Guarantees'],
    enforcement: 'Soft Warning',
    complexity: ['Runtime check needed', 'External system integration'],
    rule: {
      text: 'SearchService MUST answer 99% of queries within 300 ms WHEN a ranking model is promoted to more than 10% of traffic',
      component: 'SearchService',
      modal: 'MUST',
      requirement: 'answer 99% of queries within 300 ms',
      condition: 'a ranking model is promoted to more than 10% of traffic',
    },
    implementationPr: null,
    approvals: [
      approval('Author', 'Mei Tanaka', '2025-12-05', 'Proposed'),
      approval('Tech Lead', 'Jonas Weber', '2025-12-08', 'Changes Requested'),
      approval('Platform Owner', 'Ama Mensah', '2025-12-10', 'Rejected'),
    ],
    references: [],
    // Post-Approval subsections are not counted before approval.
    completeness: { done: 16, total: 16 },
    problems: clean,
  },
  {
    id: 'INVARIANT-042',
    title: "Checkout totals are computed in the order's currency",
    file: 'examples/INVARIANT-042-checkout-totals-currency.md',
    status: 'Approved',
    severity: 'High',
    date: '2026-03-14',
    author: 'Priya Raman',
    categories: ['Critical Data Protection'],
    enforcement: 'Hard Block',
    complexity: ['Runtime check needed'],
    rule: {
      text: "CheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced",
      component: 'CheckoutService',
      modal: 'MUST',
      requirement: "compute every order total from line items in the order's currency",
      condition: 'an order is priced',
    },
    implementationPr: 'https://git.example.com/shop/pricing-service/pull/2291',
    approvals: [
      approval('Author', 'Priya Raman', '2026-03-16', 'Proposed'),
      approval('Tech Lead', 'Jonas Weber', '2026-03-18', 'Approved'),
      approval('Platform Owner', 'Ama Mensah', '2026-03-19', 'Approved'),
    ],
    references: ['INVARIANT-017'],
    completeness: { done: 19, total: 19 },
    problems: clean,
  },
  {
    id: 'INVARIANT-051',
    title: 'Migrations never drop a column the running release reads',
    file: 'examples/INVARIANT-051-migrations-keep-deployed-columns.md',
    status: 'Under Review',
    severity: 'High',
    date: '2026-04-07',
    author: 'Lena Fischer',
    categories: ['Deployment Safety'],
    enforcement: 'Hard Block',
    complexity: ['AST analysis required', 'Cross-file analysis'],
    rule: {
      text: 'The migration runner MUST NOT drop or rename a column that the deployed release reads WHEN a migration runs before the release that stops reading it',
      component: 'The migration runner',
      modal: 'MUST NOT',
      requirement: 'drop or rename a column that the deployed release reads',
      condition: 'a migration runs before the release that stops reading it',
    },
    implementationPr: null,
    approvals: [
      approval('Author', 'Lena Fischer', '2026-04-10', 'Proposed'),
      approval('Tech Lead', 'Jonas Weber', null, null),
      approval('Platform Owner', null, null, null),
    ],
    references: ['INVARIANT-017', 'INVARIANT-042'],
    completeness: { done: 16, total: 16 },
    problems: clean,
  },
  {
    id: 'INVARIANT-058',
    title: 'Internal certificates are renewed before they expire',
    file: 'examples/INVARIANT-058-certificate-expiry-alerts.md',
    status: 'Draft',
    severity: 'High',
    date: '2026-05-02',
    author: 'Tomás Herrera',
    categories: ['Observability Requirements'],
    enforcement: null,
    complexity: [],
    rule: {
      text: 'The certificate manager SHOULD renew internal certificates properly before they expire',
      component: 'The certificate manager',
      modal: 'SHOULD',
      requirement: 'renew internal certificates properly before they expire',
      condition: null,
    },
    implementationPr: null,
    approvals: [approval('Author', 'Tomás Herrera', null, 'Proposed'), approval('Tech Lead', null, null, null), approval('Platform Owner', null, null, null)],
    references: [],
    completeness: { done: 6, total: 16 },
    problems: { errors: 0, warnings: 19, information: 0 },
  },
];

test('catalog --format json gives every bundled example field by field', () => {
  const result = catalog(ROOT, 'examples');
  assert.equal(result.version, 1);
  assert.equal(result.invariants.length, EXAMPLES.length);
  for (let i = 0; i < EXAMPLES.length; i++) assert.deepStrictEqual(result.invariants[i], EXAMPLES[i], `entry ${i}`);
  assert.deepEqual(Object.keys(result.invariants[0]!), [
    'id',
    'title',
    'file',
    'status',
    'severity',
    'date',
    'author',
    'categories',
    'enforcement',
    'complexity',
    'rule',
    'implementationPr',
    'approvals',
    'references',
    'completeness',
    'problems',
  ]);
});

test('the catalogue output validates against schemas/catalog.schema.json, and the schema rejects what SPEC 7 forbids', () => {
  assertValid(catalog(ROOT, 'examples'));
  inTemp((dir) => {
    write(dir, 'spec-deltas/template.md', TEMPLATE);
    write(dir, 'spec-deltas/binary.md', Buffer.from([0x23, 0x00, 0x01]));
    const result = catalog(dir);
    assert.equal(result.invariants.length, 2);
    assertValid(result);
  });
  const entry = { ...EXAMPLES[0]! };
  assert.equal(validate({ version: 1, invariants: [{ ...entry, status: '' }] }), false, 'an empty string is null');
  assert.equal(validate({ version: 1, invariants: [{ ...entry, generatedAt: '2026-01-01' }] }), false, 'no extra fields');
  assert.equal(validate({ version: 1, invariants: [{ ...entry, file: 'examples\\a.md' }] }), false, 'no backslashes in file');
  const { problems: _, ...withoutProblems } = entry;
  assert.equal(validate({ version: 1, invariants: [withoutProblems] }), false, 'every field is required');
});

test('placeholders, empty cells and unchecked groups are null or empty lists', () => {
  inTemp((dir) => {
    write(dir, 'spec-deltas/new.md', TEMPLATE);
    const [entry] = catalog(dir).invariants;
    assert.deepStrictEqual(
      { ...entry!, completeness: undefined, problems: undefined },
      {
        id: null,
        title: null,
        file: 'spec-deltas/new.md',
        status: null,
        severity: null,
        date: null,
        author: null,
        categories: [],
        enforcement: null,
        complexity: [],
        rule: null,
        implementationPr: null,
        approvals: [approval('Author', null, null, 'Proposed'), approval('Tech Lead', null, null, null), approval('Platform Owner', null, null, null)],
        references: [],
        completeness: undefined,
        problems: undefined,
      },
    );
    assert.ok(entry!.completeness.done < entry!.completeness.total && entry!.completeness.total === 16);
    assert.ok(entry!.problems.warnings > 0);
  });
});

test('values are kept as written and trimmed: an unknown Status stays, with its Error counted', () => {
  inTemp((dir) => {
    let text = edit(APPROVED, '**Status**: Approved', '**Status**:   Pending   ');
    text = edit(text, '- [ ] Other: ____________', '- [x] Other: Billing');
    write(dir, 'spec-deltas/a.md', text);
    const [entry] = catalog(dir).invariants;
    assert.equal(entry!.status, 'Pending');
    assert.ok(entry!.problems.errors >= 1);
    assert.deepEqual(entry!.categories, ['Critical Data Protection', 'Other: Billing']);
  });
});

test('entries are sorted by id (numerically within a prefix, none last), then file; the same files give the same bytes', () => {
  inTemp((dir) => {
    const withId = (id: string) => APPROVED.replace(/INVARIANT-042/g, id);
    write(dir, 'spec-deltas/z.md', withId('INVARIANT-9'));
    write(dir, 'spec-deltas/b.md', withId('INVARIANT-10'));
    write(dir, 'spec-deltas/a.md', withId('INVARIANT-10'));
    write(dir, 'spec-deltas/none.md', TEMPLATE);
    const first = cli(dir, 'catalog', 'spec-deltas/z.md', 'spec-deltas/b.md', 'spec-deltas/none.md', 'spec-deltas/a.md');
    const second = cli(dir, 'catalog', 'spec-deltas/none.md', 'spec-deltas/a.md', 'spec-deltas/b.md', 'spec-deltas/z.md');
    assert.equal(first.stdout, second.stdout);
    const entries = (JSON.parse(first.stdout) as Catalog).invariants.map((e) => `${e.id} ${e.file}`);
    assert.deepEqual(entries, ['INVARIANT-9 spec-deltas/z.md', 'INVARIANT-10 spec-deltas/a.md', 'INVARIANT-10 spec-deltas/b.md', 'null spec-deltas/none.md']);
    // Duplicate ids are an Error in both files: the cross-file checks ran over all the files given.
    assert.deepEqual(
      (JSON.parse(first.stdout) as Catalog).invariants.map((e) => e.problems.errors > 0),
      [false, true, true, false],
    );
  });
});

test('catalog --format markdown: the index table, with text from documents made inert', () => {
  const table = cli(ROOT, 'catalog', 'examples', '--format', 'markdown').stdout.split('\n');
  assert.equal(table[0], '| Id | Title | Status | Severity | Category | Enforcement | Implementation |');
  assert.equal(
    table[2],
    '| [INVARIANT-017](<examples/INVARIANT-017-order-total-equals-line-items.md>) | Order totals equal the sum of their line items | Approved | Critical | Critical Data Protection | Hard Block | [#1874](<https://git.example.com/shop/order-service/pull/1874>) |',
  );
  assert.equal(
    table[6],
    '| [INVARIANT-058](<examples/INVARIANT-058-certificate-expiry-alerts.md>) | Internal certificates are renewed before they expire | Draft | High | Observability Requirements | — | — |',
  );
  inTemp((dir) => {
    write(dir, 'spec-deltas/a b.md', edit(APPROVED, "Checkout totals are computed in the order's currency", 'Totals | <img src=x onerror=alert(1)> [x](y)'));
    const [, , row] = cli(dir, 'catalog', '--format', 'markdown').stdout.split('\n');
    assert.equal(row!.split(' | ').length, 7, row);
    assert.match(row!, /^\| \[INVARIANT-042\]\(<spec-deltas\/a%20b\.md>\) \| Totals \\\| &lt;img src=x onerror=alert\(1\)&gt; \\\[x\\\]\(y\) \| /);
  });
});

test('--output writes between the markers and keeps the rest; --check says whether it is up to date', () => {
  inTemp((dir) => {
    write(dir, 'spec-deltas/INVARIANT-042.md', APPROVED);
    const readme = write(
      dir,
      'spec-deltas/README.md',
      '# Ours\r\n\r\nIntro.\r\n<!-- spec-delta-catalog:start -->\r\nold\r\n<!-- spec-delta-catalog:end -->\r\nAfter.\r\n',
    );
    const args = ['catalog', '--format', 'markdown', '--output', 'spec-deltas/README.md'];
    const stale = cli(dir, ...args, '--check');
    assert.equal(stale.code, 1);
    assert.equal(stale.stderr, "spec-delta: 'spec-deltas/README.md' is not up to date with the spec deltas; run the same command without --check\n");
    assert.equal(cli(dir, ...args).code, 0);
    const text = fs.readFileSync(readme, 'utf8');
    // The index is not a spec delta of its own folder, and its links are relative to it.
    assert.equal(
      text,
      '# Ours\r\n\r\nIntro.\r\n<!-- spec-delta-catalog:start -->\r\n| Id | Title | Status | Severity | Category | Enforcement | Implementation |\r\n|----|-------|--------|----------|----------|-------------|----------------|\r\n' +
        "| [INVARIANT-042](<INVARIANT-042.md>) | Checkout totals are computed in the order's currency | Approved | High | Critical Data Protection | Hard Block | [#2291](<https://git.example.com/shop/pricing-service/pull/2291>) |\r\n" +
        '<!-- spec-delta-catalog:end -->\r\nAfter.\r\n',
    );
    assert.deepEqual(cli(dir, ...args, '--check'), { code: 0, stdout: '', stderr: '' });
    write(dir, 'spec-deltas/INVARIANT-042.md', edit(APPROVED, '**Status**: Approved', '**Status**: Draft'));
    assert.equal(cli(dir, ...args, '--check').code, 1);
  });
});

test('--output refuses a file without the markers, and creates a new one with them', () => {
  inTemp((dir) => {
    write(dir, 'spec-deltas/INVARIANT-042.md', APPROVED);
    const notes = write(dir, 'NOTES.md', '# Notes\nmine\n');
    const refused = cli(dir, 'catalog', '-f', 'markdown', '-o', 'NOTES.md', 'spec-deltas');
    assert.equal(refused.code, 2);
    assert.equal(refused.stderr.split('\n').length, 2, 'one line');
    assert.match(refused.stderr, /'NOTES\.md' has no <!-- spec-delta-catalog:start -->/);
    assert.equal(fs.readFileSync(notes, 'utf8'), '# Notes\nmine\n');
    assert.equal(cli(dir, 'catalog', '-f', 'markdown', '-o', 'index/INDEX.md', '--check', 'spec-deltas').code, 1);
    assert.equal(cli(dir, 'catalog', '-f', 'markdown', '-o', 'index/INDEX.md', 'spec-deltas').code, 0);
    assert.match(
      fs.readFileSync(path.join(dir, 'index/INDEX.md'), 'utf8'),
      /^<!-- spec-delta-catalog:start -->\n\| Id [^]*\(<\.\.\/spec-deltas\/INVARIANT-042\.md>\)[^]*<!-- spec-delta-catalog:end -->\n$/,
    );
    assert.equal(cli(dir, 'catalog', '-f', 'markdown', '-o', 'index/INDEX.md', '--check', 'spec-deltas').code, 0);
  });
});

test('catalog usage errors exit 2 with one line', () => {
  for (const argv of [['--format', 'sarif'], ['--check'], ['--output'], ['--wat'], ['no-such-folder']]) {
    const result = cli(ROOT, 'catalog', ...argv);
    assert.equal(result.code, 2, argv.join(' '));
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^spec-delta: [^\n]+\n$/, argv.join(' '));
  }
  assert.equal(cli(ROOT, 'catalog', '--help').code, 0);
});

test('docs/spec-deltas/README.md is the up-to-date catalogue of the examples (CI check)', () => {
  const result = cli(ROOT, 'catalog', 'examples', '--format', 'markdown', '--output', 'docs/spec-deltas/README.md', '--check');
  assert.deepEqual(result, { code: 0, stdout: '', stderr: '' });
});

test('the CLI names the catalog command in its help and for an unknown command', () => {
  assert.match(cli(ROOT, '--help').stdout, /spec-delta catalog --help/);
  assert.deepEqual(cli(ROOT, 'catalogue'), {
    code: 2,
    stdout: '',
    stderr: "spec-delta: unknown command 'catalogue': the commands are lint, catalog and mcp\n",
  });
});

test("the catalogue is read on lint's own pass: one extraction per file, on the document lint parsed", () => {
  inTemp((dir) => {
    write(dir, 'spec-deltas/a.md', APPROVED);
    write(dir, 'spec-deltas/b.md', APPROVED.replace(/INVARIANT-042/g, 'INVARIANT-043'));
    write(dir, 'spec-deltas/big.md', Buffer.from([0x23, 0x00]));
    const results = lintFiles(expandPaths(['.'], dir), dir, { fix: false, extract: 'catalog' });
    // Every file's entry, the refused one's too, read with the diagnostics lint reports for it.
    assert.deepEqual(
      results.map((r) => [path.basename(r.file), r.extracted?.id, r.diagnostics.length]),
      [
        ['a.md', 'INVARIANT-042', 1],
        ['b.md', 'INVARIANT-043', 1],
        ['big.md', null, 1],
      ],
    );
    for (const r of results) {
      const count = (severity: DiagnosticSeverity): number => r.diagnostics.filter((d) => d.severity === severity).length;
      const { errors, warnings, information } = r.extracted!.problems;
      assert.deepEqual(
        [errors, warnings, information],
        [count(DiagnosticSeverity.Error), count(DiagnosticSeverity.Warning), count(DiagnosticSeverity.Information)],
        r.file,
      );
    }
  });
});

test("catalogue entries keep none of their document's text alive: the CLI holds every entry to the end", () => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  const before = process.memoryUsage().heapUsed;
  const entries: CatalogEntry[] = [];
  // 60 documents of a megabyte each (a long Failure Description); every field of the entry is filled.
  const padding = `${'x'.repeat(1_000_000)}\n`;
  for (let i = 0; i < 60; i++) {
    const text = APPROVED.replace('## Failure Description', `## Failure Description\n\n${i}${padding}`);
    const doc = parseDocument(text, `file:///d${i}.md`, 0);
    entries.push(catalogEntry(doc, documentStatus(doc, analyze(doc), true, DEFAULT_ID_PATTERN), `d${i}.md`));
  }
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.ok(grown < 10e6, `60 entries hold ${(grown / 1e6).toFixed(0)} MB`);
  const strings = JSON.stringify(entries[0]).length;
  assert.ok(entries.every((e) => e.id === 'INVARIANT-042' && e.rule !== null && e.approvals.length > 0 && JSON.stringify(e).length >= strings - 4));
});
