import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parseConfig } from '../../server/src/core/config';
import { ALL_RULES, RULE_KEYS } from '../../server/src/core/languageService';
import type { Rule } from '../../server/src/core/rule';
import { README_FILE, SCHEMA_FILE, configSchema, readmeWithRuleList, referenceDocs } from '../../scripts/referenceDocs';
import { ROOT, readRepoFile } from '../support/repo';

/**
 * The rule index page, the README's rule list and the JSON Schema of `.spec-delta.json` are
 * generated from the rule registry (scripts/referenceDocs.ts); the committed files must be what
 * the registry says today. The build does not write them, so that this can fail.
 */

test('the committed reference docs are what `npm run docs` generates from the rule registry', () => {
  for (const [file, expected] of referenceDocs(readRepoFile(README_FILE))) {
    const actual = fs.existsSync(path.join(ROOT, file)) ? readRepoFile(file) : '(missing)';
    assert.ok(actual === expected, `${file} is out of date with the rule registry: run \`npm run docs\` and commit the result`);
  }
});

test("the README's rule list is rewritten between its markers, whatever stood there", () => {
  const readme = readRepoFile(README_FILE);
  const stale = readme.replace(/^- \[SD001\].*\n/m, '');
  assert.notEqual(stale, readme);
  assert.equal(readmeWithRuleList(stale), readmeWithRuleList(readme));
  assert.throws(() => readmeWithRuleList('# no markers'), /rule list between/);
});

test('the schema names every rule by code and by name, with the settings parseConfig accepts', () => {
  const schema = JSON.parse(readRepoFile(SCHEMA_FILE));
  assert.deepEqual(Object.keys(schema.definitions.rules.properties).sort(), [...RULE_KEYS.keys()].sort());
  assert.deepEqual(schema, configSchema());
  const pkg = JSON.parse(readRepoFile('package.json'));
  assert.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '.spec-delta.json', url: `./${SCHEMA_FILE}` }]);
});

test("a rule's fix metadata agrees with its page: a page says None exactly when the rule has no fix", () => {
  for (const rule of ALL_RULES) {
    const page = readRepoFile(`docs/rules/${rule.code}.md`);
    const section = page.split('\n## Quick fix\n')[1]?.trimStart() ?? '';
    assert.equal(section.startsWith('None'), (rule as Partial<Rule>).fix === undefined, rule.code);
  }
});

test('the schema accepts every .spec-delta.json example of the docs and rejects what parseConfig rejects', () => {
  const validate = new Ajv({ allErrors: true, strict: false }).compile(JSON.parse(readRepoFile(SCHEMA_FILE)));
  const files = ['docs/configuration.md', ...ALL_RULES.map((r) => `docs/rules/${r.code}.md`)];
  let examples = 0;
  for (const file of files) {
    for (const [, body] of readRepoFile(file).matchAll(/^```json\n([\s\S]*?)^```$/gm)) {
      assert.ok(validate(JSON.parse(body!)), `${file}: ${body} ${JSON.stringify(validate.errors)}`);
      examples++;
    }
  }
  assert.ok(examples > ALL_RULES.length);
  const invalid: unknown[] = [
    { unknown: 1 },
    { rules: { SD999: 'off' } },
    { rules: { SD101: 'loud' } },
    { files: [''] },
    { idPattern: '' },
    { maxFileSize: 0 },
    { maxFileSize: 1.5 },
    { vagueWords: ['  '] },
    { overrides: [{ rules: { SD101: 'off' } }] },
    { overrides: [{ files: 'a/**', severity: 'off' }] },
  ];
  for (const config of invalid) {
    assert.throws(() => parseConfig(JSON.stringify(config), '.spec-delta.json', RULE_KEYS), JSON.stringify(config));
    assert.equal(validate(config), false, `the schema rejects ${JSON.stringify(config)}`);
  }
});
