import { strict as assert } from 'node:assert';
import { after, before, test } from 'node:test';
import * as fc from 'fast-check';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { analyzeText, checkAnalysable, parseDocument } from '../../server/src/core/languageService';
import { FIX_ALL_KIND, getCodeActions } from '../../server/src/core/codeActions';
import { DEFAULT_ID_PATTERN } from '../../server/src/core/parser';
import { documentStatus } from '../../server/src/core/status';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import type { DocumentStatus } from '$shared/protocol';
import { readRepoFile } from '../support/repo';
import { positionAt } from '../support/positions';
import { TempWorkspace } from '../support/tempFolders';
import { LspClient, delay } from '../support/lspClient';
import { BASES, TEMPLATE_LINES, checkAsync, junk, runs, SEED } from '../support/fuzzing';

/**
 * SPEC section 5, diagnostics follow typing: seeded random sequences of incremental edits (several
 * ranges in one didChange, ranges across lines, CRLF and lone CR, emoji and lone surrogates,
 * deleting everything, bursts sent without waiting) go to the real server over stdio. No
 * test-only request is needed to see the server's text: every diagnostics publication, every
 * status notification, every status answered mid-burst and the final code actions must equal
 * what the in-process language service says about the client's text of that version, and no
 * version older than one published is published after it. The client's text is itself checked
 * against a plain string model of the edits, independent of the TextDocument library both
 * sides use.
 */

const DISK = 'docs/spec-deltas/INVARIANT-017-order-totals.md';
const DISK_TEXT = readRepoFile('examples/INVARIANT-017-order-total-equals-line-items.md');
const REPLAYED = 'docs/spec-deltas/replayed.md';

let workspace: TempWorkspace;
let client: LspClient;
let uri: string;
/** The file on disk as the server indexes it. */
let diskDoc: ReturnType<typeof parseDocument>;

before(async () => {
  workspace = new TempWorkspace({ [DISK]: DISK_TEXT });
  uri = workspace.uri(REPLAYED);
  diskDoc = parseDocument(DISK_TEXT, workspace.uri(DISK), -1);
  client = await new LspClient().start([workspace.folder]);
});

after(async () => {
  await client?.stop();
  workspace?.dispose();
});

// ---- the script: edits as data, so that a failure prints (and shrinks) what was done ----------

/** One content change: offsets wrap around the text, so that every change applies to every text. */
interface Change {
  readonly at: number;
  readonly length: number;
  readonly text: string;
}

type Step =
  /** One didChange with its changes applied one after the other. */
  | { readonly kind: 'change'; readonly changes: readonly Change[] }
  /** Select all, delete. */
  | { readonly kind: 'clear' }
  /** Wait for the diagnostics of the current version before going on. */
  | { readonly kind: 'wait' }
  /** Ask for the document status mid-burst; the answer is checked at the end. */
  | { readonly kind: 'status' };

interface Script {
  readonly base: string;
  readonly steps: readonly Step[];
}

const replacement: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.constantFrom('a', ' ', 'x', '|', '-', '*', '#', '1', '\n', '\r\n', '\r', '😀', '\uD83D', '\uDE00', '\t') },
  { weight: 3, arbitrary: junk },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...TEMPLATE_LINES), fc.constantFrom('\n', '\r\n', '\r')).map(([line, eol]) => line + eol) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 999 }).map((n) => ` INVARIANT-${String(n).padStart(3, '0')} `) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...TEMPLATE_LINES), { minLength: 2, maxLength: 8 }).map((lines) => lines.join('\r\n') + '\r\n') },
);

const change: fc.Arbitrary<Change> = fc.record({
  at: fc.nat(),
  // Mostly typing and short deletions; sometimes a selection across many lines.
  length: fc.oneof(
    { weight: 4, arbitrary: fc.constant(0) },
    { weight: 3, arbitrary: fc.nat({ max: 4 }) },
    { weight: 2, arbitrary: fc.nat({ max: 80 }) },
    { weight: 1, arbitrary: fc.nat({ max: 1500 }) },
  ),
  text: replacement,
});

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 20, arbitrary: fc.record({ kind: fc.constant('change' as const), changes: fc.array(change, { minLength: 1, maxLength: 4 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'wait' as const }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'status' as const }) },
);

const script: fc.Arbitrary<Script> = fc.record({
  base: fc.constantFrom('', ...BASES.map((b) => b.name)),
  steps: fc.array(step, { minLength: 1, maxLength: 60, size: 'max' }),
});

// ---- the client's text, modelled without the TextDocument library --------------------------

/** An offset that does not fall between the CR and the LF of one line break (no editor position is there). */
function notInsideCrlf(text: string, offset: number): number {
  return offset > 0 && text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset;
}

/** The change as an LSP range on `text`, and the text after it. */
function applyChange(text: string, c: Change): { range: Range; text: string } {
  const start = notInsideCrlf(text, c.at % (text.length + 1));
  const end = notInsideCrlf(text, Math.min(text.length, start + c.length));
  return { range: { start: positionAt(text, start), end: positionAt(text, end) }, text: text.slice(0, start) + c.text + text.slice(end) };
}

// ---- what the server should say about a text: the in-process language service ---------------

interface Expected {
  readonly diagnostics: Diagnostic[];
  readonly status: DocumentStatus;
  readonly fixAll: CodeAction[];
  readonly quickFixes: CodeAction[];
}

/** What crosses the wire: undefined properties dropped (lone surrogates survive well-formed JSON). */
function wire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The server's view for one version of `text`, as the in-process core computes it. */
function expectedFor(text: string, version: number): Expected {
  const refused = checkAnalysable(text);
  // As the server does: a refused document is an empty, non-spec-delta model with the one diagnostic.
  const doc = refused ? { ...parseDocument('', '', 0), uri, version } : parseDocument(text, uri, version);
  const index = new WorkspaceIndex(DEFAULT_ID_PATTERN);
  index.set(diskDoc, true);
  index.set(doc, !refused);
  const diagnostics = analyzeText(text, uri, { workspace: index });
  // The server keeps the fix data to itself: what it sends names diagnostics without it.
  const published = diagnostics.map(({ data: _data, ...d }) => d);
  const unfixed = (actions: CodeAction[]): CodeAction[] =>
    actions.map((a) => (a.diagnostics ? { ...a, diagnostics: a.diagnostics.map(({ data: _data, ...d }) => d) } : a));
  return wire({
    diagnostics: published,
    status: documentStatus(doc, published, !refused, DEFAULT_ID_PATTERN),
    fixAll: unfixed(getCodeActions(doc, diagnostics, diagnostics, [FIX_ALL_KIND])),
    quickFixes: unfixed(getCodeActions(doc, diagnostics, diagnostics)),
  });
}

/** The diagnostics published for this version since the document was opened (versions start again at each open). */
function publishedSince(first: number, version: number): Promise<Diagnostic[]> {
  const found = client.published.slice(first).find((p) => p.uri === uri && p.version === version);
  return found ? Promise.resolve(found.diagnostics) : client.nextDiagnostics(uri, () => true, version, 10000);
}

// ---- the replay -----------------------------------------------------------------------------

const totals = { sequences: 0, didChanges: 0, changes: 0, publications: 0, statuses: 0, waits: 0, lastEditVisible: 0 };

/**
 * Opens the base text, replays the steps and checks the server against the client. `divergeAfter`
 * (for the test of this test) sends the server one extra character after that many didChanges.
 */
async function replay(script: Script, divergeAfter?: number): Promise<void> {
  client.open(uri, script.base === '' ? '' : BASES.find((b) => b.name === script.base)!.text, 1);
  try {
    await replayOpen(script, divergeAfter);
  } finally {
    // Closed whatever happened, so that the next run (or a shrinking step) opens it afresh.
    client.close(uri);
    await client.nextDiagnostics(uri, (d) => d.length === 0, undefined, 10000).catch(() => undefined);
  }
}

/** Replays the steps on the open document and checks everything the server said about it. */
async function replayOpen({ steps }: Script, divergeAfter: number | undefined): Promise<void> {
  let text = client.text(uri);
  const texts = new Map<number, string>([[1, text]]);
  const firstPublication = client.published.length;
  const firstNotification = client.notifications.length;
  let version = 1;
  let beforeLast = text;
  const midBurst: { version: number; answer: Promise<DocumentStatus | null> }[] = [];
  let sequenceChanges = 0;
  let didChanges = 0;

  for (const s of steps) {
    if (s.kind === 'wait') {
      await publishedSince(firstPublication, version);
      totals.waits++;
      continue;
    }
    if (s.kind === 'status') {
      midBurst.push({ version, answer: client.request<DocumentStatus | null>('specDelta/documentStatus', { uri }) });
      continue;
    }
    const changes = s.kind === 'clear' ? [{ at: 0, length: text.length, text: '' }] : s.changes;
    const edits = [];
    beforeLast = text;
    for (const c of changes) {
      const applied = applyChange(text, c);
      edits.push({ range: applied.range, newText: c.text });
      text = applied.text;
    }
    version = client.changeMany(uri, edits);
    texts.set(version, text);
    assert.equal(client.text(uri), text, `the client's copy after version ${version} equals the string model`);
    sequenceChanges += edits.length;
    didChanges++;
    if (didChanges === divergeAfter) {
      const start = { line: 0, character: 0 };
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end: start }, text: 'Q' }] });
    }
  }

  // The final version: diagnostics, the status and the code actions the editor would ask for.
  const final = await publishedSince(firstPublication, version);
  const whole: Range = { start: { line: 0, character: 0 }, end: positionAt(text, text.length) };
  const [status, fixAll, quickFixes] = await Promise.all([
    client.request<DocumentStatus | null>('specDelta/documentStatus', { uri }),
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [], only: [FIX_ALL_KIND] } }),
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: final } }),
  ]);
  const expected = expectedFor(text, version);
  assert.deepEqual(final, expected.diagnostics, `the diagnostics of the final version ${version} are those of the client's text`);
  assert.deepEqual(status, expected.status, "the document status is that of the client's text");
  assert.deepEqual(fixAll, expected.fixAll, "Fix All is that of the client's text");
  assert.deepEqual(quickFixes, expected.quickFixes, "the quick fixes are those of the client's text");

  // Every status answered mid-burst is for the version sent just before it, and right for its text.
  for (const { version: v, answer } of midBurst) {
    const got = await answer;
    assert.equal(got?.version, v, 'a status asked after version v answers for version v');
    assert.deepEqual(got, expectedFor(texts.get(v)!, v).status, `the status answered mid-burst for version ${v}`);
  }

  // A stale publication, if the server sent one, would come after this round trip: give it the chance.
  await client.request('specDelta/nextFreeId', {});
  await delay(20);
  const published = client.published.slice(firstPublication).filter((p: PublishDiagnosticsParams) => p.uri === uri);
  const versions = published.map((p) => p.version);
  assert.ok(
    versions.every((v) => typeof v === 'number'),
    'every publication carries its version',
  );
  for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! >= versions[i - 1]!, `versions never go back: ${versions.join(',')}`);
  assert.equal(versions.at(-1), version, 'the newest version is published last');
  for (const p of published)
    assert.deepEqual(p.diagnostics, expectedFor(texts.get(p.version!)!, p.version!).diagnostics, `the diagnostics published for version ${p.version}`);

  const statuses = client.notifications
    .slice(firstNotification)
    .filter((n) => n.method === 'specDelta/documentStatusChanged' && (n.params as DocumentStatus).uri === uri)
    .map((n) => n.params as DocumentStatus);
  assert.equal(statuses.at(-1)?.version, version, 'the status panel is told of the newest version last');
  for (let i = 1; i < statuses.length; i++) assert.ok(statuses[i]!.version >= statuses[i - 1]!.version, 'status notifications never go back');
  for (const st of statuses) assert.deepEqual(st, expectedFor(texts.get(st.version)!, st.version).status, `the status notified for version ${st.version}`);

  // How sharp the check is: would undoing the last change have shown in what was compared?
  if (texts.size > 1 && JSON.stringify(expectedFor(beforeLast, version)) !== JSON.stringify(expected)) totals.lastEditVisible++;

  totals.sequences++;
  totals.didChanges += didChanges;
  totals.changes += sequenceChanges;
  totals.publications += published.length;
  totals.statuses += midBurst.length + statuses.length;
}

test("random incremental edits sent in bursts: the server ends with the client's text, publishing only newer versions", async (t) => {
  const numRuns = runs(40);
  await checkAsync(
    fc.asyncProperty(script, (s) => replay(s)),
    numRuns,
    Math.max(120_000, numRuns * 3000),
  );
  t.diagnostic(
    `seed ${SEED}: ${totals.sequences} sequences, ${totals.didChanges} didChange notifications, ${totals.changes} edits replayed; ` +
      `${totals.publications} publications and ${totals.statuses} statuses checked against the client's text; ` +
      `undoing the last change would have shown in ${totals.lastEditVisible} of ${totals.sequences}`,
  );
  assert.ok(totals.changes >= numRuns * 5, `a fair number of edits were replayed (${totals.changes})`);
  assert.ok(await client.isAlive());
  assert.deepEqual(
    client.logs.filter((l) => /Uncaught exception|Unhandled rejection|failed/.test(l)),
    [],
  );
});

test("the replay itself notices a server whose text is one character off the client's", async () => {
  const typing: Step = { kind: 'change', changes: [{ at: 400, length: 0, text: 'x' }] };
  const base = BASES[0]!.name;
  await replay({ base, steps: [typing, typing, typing] });
  await assert.rejects(replay({ base, steps: [typing, typing, typing] }, 2), /client's text/);
  await replay({ base, steps: [typing] });
});
