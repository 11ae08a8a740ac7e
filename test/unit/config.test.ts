import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import {
  ConfigError,
  DEFAULT_CONFIG,
  DEFAULT_FILES,
  DEFAULT_MAX_FILE_SIZE,
  EffectiveConfig,
  SpecDeltaConfig,
  matchesAny,
  parseConfig,
  resolveConfig,
} from '../../server/src/core/config';
import { findJsonSyntaxError } from '../../server/src/core/jsonSyntax';
import { RULE_KEYS, analyzeText } from '../../server/src/core/languageService';
import { DEFAULT_ID_PATTERN } from '../../server/src/core/parser';
import { DEFAULT_VAGUE_WORDS } from '../../server/src/core/template';
import { APPROVED } from '../support/fixtures';
import { edit, edits } from '../support/textEdits';
import { at } from '../support/positions';
import { lint, only, messageOf, summary } from '../support/diagnostics';

/** `.spec-delta.json` (parse, validate, resolve per file) and the inline suppression comments. */

const FILE = '/repo/.spec-delta.json';
const parse = (text: string): SpecDeltaConfig => parseConfig(text, FILE, RULE_KEYS);
const effective = (json: object, path = 'spec-deltas/doc.md'): EffectiveConfig => resolveConfig(parse(JSON.stringify(json)), path);

/** Asserts that parsing `text` fails with a ConfigError that names the file, the key and the problem. */
function rejects(text: string, key: string, problem: RegExp): void {
  assert.throws(
    () => parse(text),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, `a ConfigError for ${text}`);
      assert.equal(error.file, FILE);
      assert.equal(error.key, key, text);
      assert.match(error.problem, problem, text);
      assert.equal(error.message, `${FILE}: ${key ? `"${key}": ` : ''}${error.problem}`);
      assert.ok(!error.message.includes('\n'), 'one line');
      return true;
    },
  );
}

// ---- parseConfig ------------------------------------------------------------------------------

test('an empty object is the default configuration', () => {
  assert.deepEqual(parse('{}'), DEFAULT_CONFIG);
  assert.deepEqual(DEFAULT_CONFIG.files, ['**/spec-deltas/**/*.md', '**/*.spec-delta.md']);
  assert.equal(DEFAULT_CONFIG.idPattern, DEFAULT_ID_PATTERN);
  assert.equal(DEFAULT_CONFIG.maxFileSize, DEFAULT_MAX_FILE_SIZE);
  assert.deepEqual(DEFAULT_CONFIG.vagueWords, DEFAULT_VAGUE_WORDS);
});

test('a valid configuration with every setting', () => {
  const config = parse(
    '\uFEFF' +
      JSON.stringify({
        $schema: './schema.json',
        rules: { SD101: 'off', 'vague-word': 'error', SD401: 'hint', SD402: 'default', SD201: 'warning', SD403: 'information' },
        files: ['docs/incidents/**/*.md'],
        idPattern: 'PAY-\\d{4}',
        categories: [' Billing ', 'Privacy'],
        vagueWords: ['soon'],
        maxFileSize: 1024,
        overrides: [{ files: 'drafts/**', rules: { placeholder: 'warning' }, categories: ['Drafts'], vagueWords: ['later'] }],
      }),
  );
  assert.deepEqual(config, {
    rules: { SD101: 'off', SD302: 'error', SD401: 'hint', SD402: 'default', SD201: 'warning', SD403: 'information' },
    files: ['docs/incidents/**/*.md'],
    idPattern: 'PAY-\\d{4}',
    categories: ['Billing', 'Privacy'],
    vagueWords: ['soon'],
    maxFileSize: 1024,
    overrides: [{ files: ['drafts/**'], rules: { SD101: 'warning' }, categories: ['Drafts'], vagueWords: ['later'] }],
  });
});

test('every error names the file, the key and the problem', () => {
  rejects('{', '', /^not valid JSON at line 1, column 2: /);
  rejects('', '', /^not valid JSON at line 1, column 1: /);
  rejects(
    '{\n  "rules": {\n    "SD101": "off"\n    "SD102": "off"\n  }\n}',
    '',
    /^not valid JSON at line 4, column 5: expected ',' or '}' after the property value$/,
  );
  rejects('\uFEFF{"files": [\n\t"a/**",\n]}', '', /^not valid JSON at line 2, column 8: expected no comma after the last array item: remove it$/);
  rejects("{'rules': {}}", '', /^not valid JSON at line 1, column 2: expected a property name in double quotes$/);
  rejects('{"rules": {} // none\n}', '', /^not valid JSON at line 1, column 14: expected comments are not allowed/);
  rejects('[]', '', /must hold a JSON object/);
  rejects('null', '', /must hold a JSON object/);
  rejects('{"rule": {}}', 'rule', /unknown setting; expected one of rules, files, idPattern, categories, vagueWords, maxFileSize, overrides/);
  rejects('{"rules": {"SD999": "off"}}', 'rules.SD999', /unknown rule/);
  rejects('{"rules": {"placeholders": "off"}}', 'rules.placeholders', /unknown rule/);
  rejects('{"rules": {"SD101": "loud"}}', 'rules.SD101', /must be one of "off", "error", "warning", "information", "hint", "default"/);
  rejects('{"rules": {"SD101": false}}', 'rules.SD101', /must be one of/);
  rejects('{"rules": ["SD101"]}', 'rules', /must be an object/);
  rejects('{"files": ""}', 'files[0]', /not a valid glob/);
  rejects('{"files": [""]}', 'files[0]', /must be a non-empty string/);
  rejects('{"files": ["ok/**", 3]}', 'files[1]', /must be a non-empty string/);
  rejects(
    '{"files": 3}',
    'files',
    /^must be a glob string or an array of glob strings, such as "docs\/spec-deltas\/\*\*\/\*\.md" or \["docs\/\*\*\/\*\.md", "rfcs\/\*\.md"\]$/,
  );
  rejects('{"overrides": [{"files": {}}]}', 'overrides[0].files', /^must be a glob string or an array of glob strings/);
  rejects('{"idPattern": "INVARIANT-("}', 'idPattern', /not a valid regular expression/);
  rejects('{"idPattern": "X*"}', 'idPattern', /must not match the empty string/);
  rejects('{"idPattern": "a|"}', 'idPattern', /must not match the empty string/);
  rejects('{"idPattern": ""}', 'idPattern', /non-empty string/);
  rejects('{"idPattern": 42}', 'idPattern', /non-empty string/);
  rejects('{"categories": "Billing"}', 'categories', /^must be an array of strings, such as \["Billing"\]$/);
  rejects('{"vagueWords": ["ok", " "]}', 'vagueWords[1]', /must be a non-empty string/);
  rejects('{"maxFileSize": 0}', 'maxFileSize', /positive whole number/);
  rejects('{"maxFileSize": 1.5}', 'maxFileSize', /positive whole number/);
  rejects('{"overrides": {}}', 'overrides', /must be an array/);
  rejects('{"overrides": [3]}', 'overrides[0]', /must be an object/);
  rejects('{"overrides": [{"rules": {"SD101": "off"}}]}', 'overrides[0].files', /is required/);
  rejects('{"overrides": [{"files": "a/**", "idPattern": "X-\\\\d+"}]}', 'overrides[0].idPattern', /unknown setting/);
  rejects('{"overrides": [{"files": "a/**"}, {"files": "b/**", "rules": {"SD000": "off"}}]}', 'overrides[1].rules.SD000', /unknown rule/);
  rejects('{"overrides": [{"files": ""}]}', 'overrides[0].files[0]', /not a valid glob/);
});

test('the JSON syntax check agrees with JSON.parse on what is JSON', () => {
  const texts = [
    '{}',
    '[]',
    '""',
    '0',
    '-0.5e+3',
    'true',
    'null',
    ' {"a": [1, {"b": "\\u00e9\\n"}], "c": false} ',
    '{"a": "x\\/y"}',
    '',
    ' ',
    '{',
    '}',
    '{"a"}',
    '{"a":}',
    '{"a": 1,}',
    '[1,]',
    '[1 2]',
    '{"a": 01}',
    '{"a": .5}',
    '{"a": "\\x"}',
    '{"a": "line\nbreak"}',
    '{"a": tru}',
    "{'a': 1}",
    '{"a": 1} x',
    '{"a": 1}}',
    '/* c */ {}',
    '{"a": "unterminated}',
    '{"a": -}',
    '{"a": 1e}',
    '{"a": NaN}',
  ];
  for (const text of texts) {
    let valid = true;
    try {
      JSON.parse(text);
    } catch {
      valid = false;
    }
    const error = findJsonSyntaxError(text);
    assert.equal(error === undefined, valid, text);
    if (error) assert.ok(error.offset >= 0 && error.offset <= text.length, text);
  }
});

// ---- resolveConfig and its effect on diagnostics --------------------------------------------

test('overrides apply to the files their globs match, later ones winning', () => {
  const config = {
    rules: { SD101: 'warning' },
    categories: ['Billing'],
    overrides: [
      { files: ['drafts/**'], rules: { SD101: 'off', SD102: 'hint' }, categories: ['Drafts'] },
      { files: '**/legacy-*.md', rules: { SD101: 'error' }, vagueWords: ['soon'] },
    ],
  };
  const plain = effective(config, 'spec-deltas/doc.md');
  assert.deepEqual([plain.rules, plain.categories, plain.vagueWords], [{ SD101: 'warning' }, ['Billing'], DEFAULT_VAGUE_WORDS]);
  const draft = effective(config, 'drafts/doc.md');
  assert.deepEqual([draft.rules, draft.categories, draft.vagueWords], [{ SD101: 'off', SD102: 'hint' }, ['Drafts'], DEFAULT_VAGUE_WORDS]);
  const both = effective(config, 'drafts/old/legacy-1.md');
  assert.deepEqual([both.rules, both.categories, both.vagueWords], [{ SD101: 'error', SD102: 'hint' }, ['Drafts'], ['soon']]);
  const windows = effective(config, 'drafts\\doc.md');
  assert.deepEqual(windows.rules, { SD101: 'off', SD102: 'hint' }, 'backslashes match like slashes');
  assert.ok(matchesAny(DEFAULT_FILES, 'a/spec-deltas/b/c.md'));
  assert.ok(matchesAny(DEFAULT_FILES, 'x.spec-delta.md'));
  assert.ok(matchesAny(DEFAULT_FILES, '.hidden/spec-deltas/x.md'));
  assert.ok(!matchesAny(DEFAULT_FILES, 'docs/x.md'));
});

test('rule settings by code and by name change the severity or silence the rule', () => {
  const text = edits(APPROVED, ['**Author**: Priya Raman', '**Author**: [Name]'], ['- [ ] **Audit Only**', '- [x] **Audit Only**']);
  const codes = (config: EffectiveConfig) => summary(lint(text, { config }));
  assert.deepEqual(codes(effective({})), ['SD101 4:12-4:18 error', 'SD011 76:0-76:50 error', 'SD011 78:0-78:52 error']);
  assert.deepEqual(codes(effective({ rules: { SD101: 'off', 'multiple-checked': 'warning' } })), ['SD011 76:0-76:50 warning', 'SD011 78:0-78:52 warning']);
  assert.deepEqual(codes(effective({ rules: { placeholder: 'information', SD011: 'off' } })), ['SD101 4:12-4:18 information']);
  assert.deepEqual(codes(effective({ rules: { SD101: 'hint', SD011: 'default' } })), [
    'SD101 4:12-4:18 hint',
    'SD011 76:0-76:50 error',
    'SD011 78:0-78:52 error',
  ]);
});

test('an override by rule name wins over a setting by code, and the other way round', () => {
  const text = edit(APPROVED, '**Author**: Priya Raman', '**Author**: [Name]');
  const config = { rules: { SD101: 'warning' }, overrides: [{ files: 'drafts/**', rules: { placeholder: 'off' } }] };
  assert.deepEqual(summary(lint(text, { config: effective(config, 'drafts/a.md') })), []);
  assert.deepEqual(summary(lint(text, { config: effective(config, 'b.md') })), ['SD101 4:12-4:18 warning']);
  const reverse = { rules: { placeholder: 'off' }, overrides: [{ files: 'drafts/**', rules: { SD101: 'hint' } }] };
  assert.deepEqual(summary(lint(text, { config: effective(reverse, 'drafts/a.md') })), ['SD101 4:12-4:18 hint']);
});

test('a custom idPattern is what makes an id valid', () => {
  const text = APPROVED.replaceAll('INVARIANT-042', 'PAY-0042').replace('INVARIANT-017', 'PAY-0017');
  const config = effective({ idPattern: 'PAY-\\d{4}' });
  assert.deepEqual(lint(text, { config }), []);
  assert.deepEqual(
    summary(lint(text)),
    ['SD008 1:0-1:75 error', 'SD008 54:1-54:9 error'],
    'with the default pattern the title has no id and the Invariant ID is malformed',
  );
  const mixed = edit(text, 'PAY-0017 checks', 'INVARIANT-017 checks');
  assert.deepEqual(summary(lint(mixed, { config })), ['SD008 46:0-46:13 error']);
  assert.equal(lint(mixed, { config })[0]!.message, "'INVARIANT-017' is not a valid invariant id: write it like the pattern /PAY-\\d{4}/.");
});

test('extra categories are accepted by SD006, case-insensitively', () => {
  const text = edit(APPROVED, '- [x] Critical Data Protection', '- [x] billing');
  assert.deepEqual(summary(only(lint(text), 'SD006')), [`SD006 ${at(text, '- [x] billing', 'billing')} error`]);
  assert.deepEqual(lint(text, { config: effective({ categories: ['Billing'] }) }), []);
  assert.deepEqual(lint(text, { config: effective({ overrides: [{ files: '**', categories: ['Billing'] }] }) }), []);
});

test('custom vague words replace the default list', () => {
  const text = edit(APPROVED, 'MUST compute every order total', 'MUST soon and properly compute every order total');
  assert.deepEqual(summary(only(lint(text), 'SD302')), [`SD302 ${at(text, 'properly')} warning`]);
  assert.deepEqual(summary(only(lint(text, { config: effective({ vagueWords: ['soon', 'every order'] }) }), 'SD302')), [
    `SD302 ${at(text, 'soon and', 'soon')} warning`,
    `SD302 ${at(text, 'every order total', 'every order')} warning`,
  ]);
  assert.deepEqual(only(lint(text, { config: effective({ rules: { 'vague-word': 'off' } }) }), 'SD302'), []);
});

test('maxFileSize turns a larger document into one information', () => {
  const config = effective({ maxFileSize: 1024 });
  const diagnostics = analyzeText(APPROVED, 'file:///doc.md', { config });
  assert.deepEqual(summary(diagnostics), ['SD901 1:0-1:0 information']);
  assert.equal(
    messageOf(diagnostics[0]!),
    `This document (${(Buffer.byteLength(APPROVED) / 1024).toFixed(1)} KiB) is over the 1.0 KiB limit and is not checked; raise "maxFileSize" in .spec-delta.json to check it.`,
  );
});

test('maxFileSize counts UTF-8 bytes, as the file on disk', () => {
  // 400 three-byte characters: 400 UTF-16 units, 1,200 bytes.
  const text = '€'.repeat(400);
  assert.deepEqual(summary(analyzeText(text, 'file:///doc.md', { config: effective({ maxFileSize: 1199 }) })), ['SD901 1:0-1:0 information']);
  assert.equal(
    messageOf(analyzeText(text, 'file:///doc.md', { config: effective({ maxFileSize: 1199 }) })[0]!).slice(0, 55),
    'This document (1,200 bytes) is over the 1,199 bytes lim',
  );
  assert.ok(!summary(analyzeText(text, 'file:///doc.md', { config: effective({ maxFileSize: 1200 }) })).includes('SD901 1:0-1:0 information'));
  // A surrogate pair is one four-byte character.
  assert.deepEqual(summary(analyzeText('😀'.repeat(300), 'file:///doc.md', { config: effective({ maxFileSize: 1199 }) })), ['SD901 1:0-1:0 information']);
  assert.ok(!summary(analyzeText('😀'.repeat(300), 'file:///doc.md', { config: effective({ maxFileSize: 1200 }) })).includes('SD901 1:0-1:0 information'));
});

// ---- suppressions -----------------------------------------------------------------------------

const WITH_NAME = edit(APPROVED, '**Author**: Priya Raman', '**Author**: [Name]');

test('disable-next-line silences the named code on the next line only', () => {
  const text = edit(WITH_NAME, '**Author**: [Name]', '<!-- spec-delta-disable-next-line SD101 -->\n**Author**: [Name]');
  assert.deepEqual(lint(text), []);
  const twice = edits(WITH_NAME, ['**Author**: [Name]', '<!-- spec-delta-disable-next-line SD101 -->\n\n**Author**: [Name]']);
  assert.deepEqual(summary(lint(twice)), ['SD101 6:12-6:18 error'], 'a blank line in between: the comment silences the blank line');
  const other = edit(WITH_NAME, '**Author**: [Name]', '<!-- spec-delta-disable-next-line SD102 -->\n**Author**: [Name]');
  assert.deepEqual(summary(lint(other)), ['SD101 5:12-5:18 error'], 'another code');
  const byName = edit(WITH_NAME, '**Author**: [Name]', '<!-- spec-delta-disable-next-line placeholder, SD102 -->\n**Author**: [Name]');
  assert.deepEqual(lint(byName), []);
});

test('disable-next-line without a code silences every code on the next line', () => {
  const text = edit(
    edit(WITH_NAME, '- [ ] Deployment Safety', '- [x] Deployment Safety'),
    '- [x] Deployment Safety',
    '<!-- spec-delta-disable-next-line -->\n- [x] Deployment Safety',
  );
  assert.deepEqual(summary(lint(text)), ['SD101 4:12-4:18 error', 'SD011 67:0-67:30 error']);
});

test('disable ... enable silences a code between the two comments', () => {
  const statement = "CheckoutService MUST compute every order total from line items in the order's currency WHEN an order is priced";
  const vague = edit(APPROVED, statement, 'CheckoutService MUST quickly compute totals WHEN an order is priced');
  assert.deepEqual(summary(only(lint(vague), 'SD302')).length, 1);
  const disabled = edit(vague, '### Rule Statement', '<!-- spec-delta-disable SD302 -->\n### Rule Statement');
  assert.deepEqual(lint(disabled), [], 'disabled to the end of the document');
  const enabled = edit(disabled, '### Rationale', '<!-- spec-delta-enable SD302 -->\n### Rationale');
  assert.deepEqual(lint(enabled), []);
  const enabledBefore = edit(vague, '### Rule Statement', '<!-- spec-delta-disable SD302 -->\n<!-- spec-delta-enable SD302 -->\n### Rule Statement');
  assert.equal(only(lint(enabledBefore), 'SD302').length, 1, 'enabled again before the statement');
  const otherCode = edit(vague, '### Rule Statement', '<!-- spec-delta-disable SD301 -->\n### Rule Statement');
  assert.equal(only(lint(otherCode), 'SD302').length, 1);
  const all = edits(
    vague,
    ['### Rule Statement', '<!-- spec-delta-disable -->\n### Rule Statement'],
    ['### Rationale', '<!-- spec-delta-enable -->\n### Rationale'],
  );
  assert.deepEqual(lint(all), []);
  const reenabled = edits(all, ['Mixing currencies is', '[Name] Mixing currencies is']);
  assert.deepEqual(
    summary(lint(reenabled)).map((s) => s.split(' ')[0]),
    ['SD101'],
    'after enable, findings come back',
  );
});

test('a suppression comment in a code block or with a typo does nothing', () => {
  const fenced = edit(WITH_NAME, '**Author**: [Name]', '```\n<!-- spec-delta-disable SD101 -->\n```\n**Author**: [Name]');
  assert.equal(only(lint(fenced), 'SD101').length, 1);
  const typo = edit(WITH_NAME, '**Author**: [Name]', '<!-- spec-delta-disable-nextline SD101 -->\n**Author**: [Name]');
  assert.equal(only(lint(typo), 'SD101').length, 1);
});
