import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { parseConfig } from '../../server/src/core/config';
import { ALL_RULES, DOCS_BASE_URL, RULE_KEYS } from '../../server/src/core/languageService';
import type { Status } from '../../server/src/core/rule';
import { severityOf } from '../../server/src/core/severity';
import { ROOT, readRepoFile } from '../support/repo';

/**
 * Every diagnostic links to docs/rules/<code>.md (DOCS_BASE_URL): each rule has its page, the
 * index lists every rule, no page outlives its rule, and what the pages say about severity and
 * configuration is what the code does.
 */

const RULES_DIR = path.join(ROOT, 'docs', 'rules');
const STATUSES: readonly Status[] = ['Draft', 'Under Review', 'Approved', 'Rejected'];
const pageOf = (code: string): string => readRepoFile(`docs/rules/${code}.md`);

test('diagnostics link to the docs/rules pages', () => {
  assert.match(DOCS_BASE_URL, /\/docs\/rules\/$/);
});

test('every rule has a page whose first heading names its code and name', () => {
  for (const rule of ALL_RULES) {
    const file = path.join(RULES_DIR, `${rule.code}.md`);
    assert.ok(fs.existsSync(file), `docs/rules/${rule.code}.md exists`);
    const firstHeading = pageOf(rule.code)
      .split('\n')
      .find((l) => /^#{1,6} /.test(l));
    assert.equal(firstHeading, `# ${rule.code}: ${rule.name}`);
  }
});

test('no page exists for a code that is not a rule', () => {
  const codes = new Set(ALL_RULES.map((r) => r.code));
  const pages = fs.readdirSync(RULES_DIR).filter((f) => f.endsWith('.md') && f !== 'README.md');
  assert.deepEqual(
    pages.filter((f) => !codes.has(f.slice(0, -'.md'.length))),
    [],
  );
});

test('docs/rules/README.md lists every rule with its name and links to its page', () => {
  const index = readRepoFile('docs/rules/README.md');
  for (const rule of ALL_RULES) {
    const row = index.split('\n').find((l) => l.startsWith(`| [${rule.code}](${rule.code}.md) |`));
    assert.ok(row, `${rule.code} has a row in the index`);
    assert.ok(row.includes(`| ${rule.name} |`), `the ${rule.code} row names ${rule.name}`);
  }
});

test("each page's severity table is the status-aware table of the rule's class", () => {
  const name = (s: DiagnosticSeverity | undefined): string => (s === undefined ? 'not reported' : { 1: 'Error', 2: 'Warning', 3: 'Information', 4: 'Hint' }[s]);
  for (const rule of ALL_RULES) {
    const lines = pageOf(rule.code).split('\n');
    const header = lines.indexOf('| Draft | Under Review | Approved | Rejected |');
    assert.ok(header !== -1, `${rule.code} has a severity table`);
    const row = lines[header + 2]!.split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    assert.deepEqual(
      row,
      STATUSES.map((s) => name(severityOf(rule.ruleClass, s))),
      rule.code,
    );
  }
});

test('each page shows a Wrong and a Right example and how to turn the rule off', () => {
  for (const rule of ALL_RULES) {
    const page = pageOf(rule.code);
    for (const heading of ['## Severity', '## Wrong', '## Right', '## Quick fix', '## Turning it off']) {
      assert.ok(page.includes(`\n${heading}\n`), `${rule.code} has '${heading}'`);
    }
    assert.ok(page.includes(`{ "rules": { "${rule.code}": "off" } }`), `${rule.code} shows the config switch`);
    const comments = [...page.matchAll(/<!-- spec-delta-(disable-next-line|disable|enable) ([^>]*?) -->/g)];
    for (const [, , named] of comments)
      assert.ok(
        named!.split(/[\s,]+/).every((key) => RULE_KEYS.has(key)),
        `${rule.code}: ${named}`,
      );
  }
});

test('every JSON example in the docs is a valid .spec-delta.json', () => {
  const files = ['docs/configuration.md', ...ALL_RULES.map((r) => `docs/rules/${r.code}.md`)];
  let count = 0;
  for (const file of files) {
    for (const [, body] of readRepoFile(file).matchAll(/^```json\n([\s\S]*?)^```$/gm)) {
      assert.doesNotThrow(() => parseConfig(body!, file, RULE_KEYS), `${file}: ${body}`);
      count++;
    }
  }
  assert.ok(count > ALL_RULES.length);
});
