import { strict as assert } from 'node:assert';
import { test, type TestContext } from 'node:test';
import * as fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { applyEdits, mergeInsertions } from '../../server/src/core/fixes';
import { analyzeText, fixesOf, parseDocument } from '../../server/src/core/languageService';
import { getCodeActions } from '../../server/src/core/codeActions';
import type { Fix } from '../../server/src/core/rule';
import { comparePositions } from '../../server/src/core/text';
import { APPROVED } from '../support/fixtures';
import { lspLines } from '../support/positions';
import { BASES, SEED, check, editedDocument, mutatedDocument, randomDocument, runs } from '../support/fuzzing';

/**
 * SPEC section 5: a quick fix never deletes or rewrites text the user wrote. On random mutations
 * of the real spec deltas, every fix a diagnostic offers, applied alone, and all insert-only
 * fixes applied together (Insert Missing Sections, `lint --fix`) keep every line in order; a
 * fix that replaces text replaces only the value a finding names; and inserting the missing
 * pieces a second time changes nothing.
 */

const URI = 'file:///workspace/docs/spec-deltas/fixed.md';

/** Applies edits as an editor does (independently of the core's applyEdits), and checks that the core agrees. */
function apply(text: string, edits: readonly TextEdit[]): string {
  const mine = applyEdits(text, edits);
  const editor = TextDocument.applyEdits(TextDocument.create(URI, 'markdown', 1, text), [...edits]);
  assert.equal(mine, editor, 'applyEdits agrees with an editor');
  return mine;
}

const isInsert = (e: TextEdit): boolean => comparePositions(e.range.start, e.range.end) === 0;
const within = (inner: Range, outer: Range): boolean => comparePositions(outer.start, inner.start) <= 0 && comparePositions(inner.end, outer.end) <= 0;

/** Every line of `before` except the skipped ones is a whole line of `after`, in the same order. */
function assertKeepsLines(before: string, after: string, skip: ReadonlySet<number>, what: string): void {
  // A BOM that opens the document is not part of its first line: it stays first (tested below).
  const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const rest = lspLines(withoutBom(after));
  let at = 0;
  lspLines(withoutBom(before)).forEach((line, n) => {
    if (skip.has(n)) return;
    while (at < rest.length && rest[at] !== line) at++;
    assert.ok(at < rest.length, `${what}: line ${n + 1} '${line.slice(0, 80)}' is still there, in order`);
    at++;
  });
}

/**
 * An insert-only fix only inserts, and every line stays whole. Any other fix replaces only a value
 * some finding of its rule names (its own range, a related range, or another finding's range:
 * "keep only this box checked"), within one line; every other line stays whole.
 */
function assertFixKeepsText(text: string, diagnostic: Diagnostic, all: readonly Diagnostic[], fix: Fix): void {
  const what = `${diagnostic.code} '${fix.title}'`;
  const named = [diagnostic, ...all.filter((d) => d.code === diagnostic.code)].flatMap((d) => [
    d.range,
    ...(d.relatedInformation ?? []).filter((r) => r.location.uri === URI).map((r) => r.location.range),
  ]);
  const touched = new Set<number>();
  for (const e of fix.edits) {
    if (fix.insertOnly) {
      assert.ok(isInsert(e), `${what} is insert-only and inserts`);
      continue;
    }
    assert.ok(
      named.some((r) => within(e.range, r)),
      `${what} changes ${JSON.stringify(e.range)} only inside a range its rule names`,
    );
    assert.equal(e.range.start.line, e.range.end.line, `${what} changes one line`);
    touched.add(e.range.start.line);
  }
  assertKeepsLines(text, apply(text, fix.edits), touched, what);
}

/** Inserts every missing section, field and row at once, as Insert Missing Sections does. */
function insertMissing(text: string): { text: string; edits: TextEdit[] } {
  const edits = mergeInsertions(analyzeText(text, URI).flatMap(fixesOf));
  assert.ok(edits.every(isInsert), 'insert-only fixes only insert');
  return { text: apply(text, edits), edits };
}

/** Text appended after the document is read as Markdown of its own, not swallowed by an unclosed block. */
function endIsOpen(text: string): boolean {
  return parseDocument(`${text}\n\n## Zz Probe\n`, URI, 1).sections.some((s) => s.name === 'Zz Probe');
}

/** What the tests applied (each test reports its share: docs/reliability.md quotes the counts). */
const counted = { documents: 0, fixes: 0, actions: 0, together: 0, again: 0 };

function holdsFor(text: string, idempotent = true): void {
  counted.documents++;
  const diagnostics = analyzeText(text, URI);
  for (const d of diagnostics)
    for (const fix of fixesOf(d)) {
      assertFixKeepsText(text, d, diagnostics, fix);
      counted.fixes++;
    }

  // The code actions the editor shows: the fixes, the disable comments, Insert Missing Sections.
  const doc = parseDocument(text, URI, 1);
  const replacing = new Set(
    diagnostics.flatMap((d) =>
      fixesOf(d)
        .filter((f) => !f.insertOnly)
        .map((f) => f.title),
    ),
  );
  for (const action of getCodeActions(doc, diagnostics, diagnostics)) {
    if (replacing.has(action.title)) continue;
    const edits = action.edit?.changes?.[URI] ?? [];
    assert.ok(edits.every(isInsert), `code action '${action.title}' only inserts`);
    assertKeepsLines(text, apply(text, edits), new Set(), `code action '${action.title}'`);
    counted.actions++;
  }

  const once = insertMissing(text);
  assertKeepsLines(text, once.text, new Set(), 'all insert-only fixes together');
  counted.together++;
  // Left alone (docs/reliability.md): a document that ends inside an unclosed code fence or HTML
  // block swallows whatever is appended to it; in a document that mixes lone CRs with other line
  // ends, text inserted after a lone CR can join it into one CRLF.
  if (!idempotent || !endIsOpen(text) || new Set(text.match(/\r\n|\r|\n/g)).size > 1) return;
  const again = analyzeText(once.text, URI).flatMap((d) =>
    fixesOf(d)
      .filter((f) => f.insertOnly)
      .map((f) => `${d.code} ${f.title}`),
  );
  assert.deepEqual(again, [], 'after inserting the missing pieces nothing is missing');
  assert.equal(insertMissing(once.text).text, once.text);
  counted.again++;
}

/** A test body that reports what it applied, shrinking steps included. */
function counting(body: () => void): (t: TestContext) => void {
  return (t) => {
    const before = { ...counted };
    body();
    const n = (k: keyof typeof counted): number => counted[k] - before[k];
    t.diagnostic(
      `seed ${SEED}: ${n('documents')} documents; ${n('fixes')} fixes applied alone, ${n('actions')} code actions, ${n('together')} all-together insertions, ${n('again')} second insertions that changed nothing`,
    );
  };
}

test(
  'the real spec deltas: every fix keeps text; inserting twice changes nothing',
  counting(() => {
    for (const base of BASES) holdsFor(base.text);
  }),
);

test(
  'spec deltas with lines deleted, duplicated, swapped or cut off: every fix keeps text; inserting twice changes nothing',
  counting(() => {
    check(
      fc.property(editedDocument, ({ text }) => holdsFor(text)),
      runs(250),
    );
  }),
);

test(
  'random documents from template lines: every fix keeps text; inserting twice changes nothing',
  counting(() => {
    check(
      fc.property(randomDocument, (text) => holdsFor(text)),
      runs(300),
    );
  }),
);

// Junk can make the document's own lines into a setext heading that swallows a field inserted
// above it; what is checked here is that no fix ever loses or rewrites a line.
test(
  'spec deltas with junk, emoji, lone surrogates, NUL and huge lines: every fix keeps text',
  counting(() => {
    check(
      fc.property(mutatedDocument, ({ text }) => holdsFor(text, false)),
      runs(200),
    );
  }),
);

// Found by FUZZ_SEED=4: fixes took a line of a BOM or a no-break space for a blank line (JavaScript's
// trim() removes them; Markdown does not) and joined the first inserted section onto it.
test(
  'a line of invisible characters (BOM, no-break space, line separator) is text the fixes keep on its own line',
  counting(() => {
    for (const invisible of ['\uFEFF', '\u00A0', '\u2028', '\u3000']) {
      for (const text of [
        invisible,
        `${invisible}\n`,
        `# Spec Delta: INVARIANT-042 Totals\n\n${invisible}`,
        `# Spec Delta: INVARIANT-042 Totals\n\n## Failure Description\n\n${invisible}\n`,
      ]) {
        holdsFor(text);
        const firstSection = analyzeText(text, URI)
          .flatMap(fixesOf)
          .find((f) => f.inserts === 'section')!;
        assert.ok(lspLines(apply(text, firstSection.edits)).includes('---'), `${JSON.stringify(text)}: the rule before the section is a line of its own`);
      }
    }
  }),
);

// Found by FUZZ_SEED=8: with Author, Status and Severity above the title, the missing Date went
// under the title without the blank line after it, and the `---` that followed made it a heading.
test(
  'a missing Date under a title whose other fields sit above it stays a field when a rule follows',
  counting(() => {
    const text = `**Author**: Ana\n**Status**: Draft\n**Severity**: High\n${APPROVED.slice(0, APPROVED.indexOf('\n'))}\n---\n\n## Failure Description\n`;
    holdsFor(text);
    const fixed = insertMissing(text).text;
    assert.ok(fixed.includes('\n**Date**: YYYY-MM-DD\n\n---\n'), fixed.slice(0, 300));
    assert.ok(
      parseDocument(fixed, URI, 1).fields.some((f) => f.definition?.name === 'Date'),
      'the Date line is read as the Date field',
    );
  }),
);

// Found by FUZZ_SEED=9: text inserted at the start of the first line went before a BOM that opens
// the document, which then stood in front of a heading in the middle and hid it.
test(
  'a BOM that opens the document stays its first character whatever is inserted',
  counting(() => {
    const texts = [
      '\uFEFF## Review Checklist\n\n- [ ] a\n\n## Approval\n\nx\n',
      '\uFEFF**Status**: Done\n\n## Failure Description\n',
      `\uFEFF${APPROVED.replace('**Severity**: High', '**Severity**: Huge')}`,
    ];
    for (const text of texts) {
      holdsFor(text);
      const doc = parseDocument(text, URI, 1);
      const diagnostics = analyzeText(text, URI);
      const edited = [insertMissing(text).text, ...getCodeActions(doc, diagnostics, diagnostics).map((a) => apply(text, a.edit?.changes?.[URI] ?? []))];
      for (const after of edited)
        assert.equal(after.match(/\uFEFF/g)?.length === 1 && after.charCodeAt(0), 0xfeff, `one BOM, first: ${JSON.stringify(after.slice(0, 60))}`);
    }
  }),
);

// Found by FUZZ_SEED=15: in a document of only spaces or tabs the first section's rule was joined
// onto the last line; after a tab, `---` is an indented code block instead of a rule.
test(
  "a document of only spaces or tabs keeps its line; the first section's rule starts a line of its own",
  counting(() => {
    for (const text of [' ', '\t', '  \n\t', '\n    ']) {
      holdsFor(text);
      const firstSection = analyzeText(text, URI)
        .flatMap(fixesOf)
        .find((f) => f.inserts === 'section')!;
      assert.ok(lspLines(apply(text, firstSection.edits)).includes('---'), JSON.stringify(text));
      assert.equal(parseDocument(insertMissing(text).text, URI, 1).sections.length, 7, `${JSON.stringify(text)}: every section is read as one`);
    }
  }),
);
