import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { CancellationTokenSource, type CodeAction, type CompletionItem, type Diagnostic, type Hover, type Location } from 'vscode-languageserver-protocol';
import { APPROVED, withInvariant017 } from '../support/fixtures';
import { edit } from '../support/textEdits';
import { positionAt, positionOf } from '../support/positions';
import { TempWorkspace } from '../support/tempFolders';
import { LspClient, delay } from '../support/lspClient';
import { INSERT_MISSING_SECTIONS_COMMAND, type InsertMissingSectionsResult } from '$shared/protocol';
import { FIX_ALL_KIND } from '../../server/src/core';

/**
 * Issue 16: requests on a document analysed on the analysis thread (completion, hover, code
 * actions) answer from the thread's last model, mapped through the edits made since, and never
 * parse the document on the main thread. The server here has an analysis thread that answers each
 * document's first version only (test/protocol/heldAnalysisWorker.ts): a request that parsed the
 * newest text would see what was typed after it; these see only the first model, at the right
 * places. Each answer is compared with a server that parses everything on its main thread.
 */

let workspace: TempWorkspace;
/** Where the held server's analysis thread looks for the documents whose later versions it may answer. */
let releases: TempWorkspace;
let held: LspClient;
/** As `held`, but its requests wait for a model 100 ms instead of 2 s: for the tests of what they answer when it does not come. */
let impatient: LspClient;
let plain: LspClient;
let opened = 0;

before(async () => {
  workspace = new TempWorkspace(withInvariant017());
  releases = new TempWorkspace();
  const heldEnv = {
    SPEC_DELTA_TEST_RELEASE_DIR: releases.folder,
    SPEC_DELTA_OFF_THREAD_LENGTH: '1000',
    SPEC_DELTA_ANALYSIS_WORKER: path.join(__dirname, 'heldAnalysisWorker.js'),
    SPEC_DELTA_TEST_HOLD_FIRST_MS: '300',
  };
  held = await new LspClient(heldEnv).start([workspace.folder]);
  impatient = await new LspClient({ ...heldEnv, SPEC_DELTA_MODEL_PATIENCE_MS: '100' }).start([workspace.folder]);
  plain = await new LspClient({ SPEC_DELTA_OFF_THREAD_LENGTH: String(1e9) }).start([workspace.folder]);
});
after(async () => {
  await held?.stop();
  await impatient?.stop();
  await plain?.stop();
  workspace?.dispose();
  releases?.dispose();
});

/** The approved example without its Severity field (a finding with a fix), under an id of its own. */
const TEXT = edit(APPROVED, '**Severity**: High\n', '').replaceAll('INVARIANT-042', 'INVARIANT-777');

/** Opens the text in the held server `c` and the plain one; waits for the held server's first (and only) model. */
async function openBoth(text = TEXT, c = held): Promise<{ uri: string; diagnostics: Diagnostic[] }> {
  const uri = workspace.uri(`docs/spec-deltas/large-${++opened}.md`);
  c.open(uri, text, 1);
  plain.open(uri, text, 1);
  const diagnostics = await c.diagnostics(uri, 1, 30000);
  await plain.diagnostics(uri, 1, 30000);
  return { uri, diagnostics };
}

function changeBoth(uri: string, from: string, to: string, delta = 0, c = held): void {
  const at = positionOf(c.text(uri), from, delta);
  const end = { line: at.line, character: at.character + from.length - delta };
  c.change(uri, { start: at, end }, to);
  plain.change(uri, { start: at, end }, to);
}

async function both<R>(method: string, params: unknown): Promise<{ held: R; plain: R }> {
  return { held: await held.request<R>(method, params), plain: await plain.request<R>(method, params) };
}

/** Lets the held server's analysis thread answer the document's later versions too. */
function release(uri: string): void {
  releases.write(uri.slice(uri.lastIndexOf('/') + 1), '');
}

/** Whether the request is still unanswered after `ms`. */
async function unansweredAfter(request: Promise<unknown>, ms: number): Promise<boolean> {
  const waited = Symbol('waited');
  const settled = request.then(
    () => undefined,
    () => undefined,
  );
  return (await Promise.race([settled, new Promise((resolve) => setTimeout(() => resolve(waited), ms))])) === waited;
}

/**
 * Opens the text in the held server only and waits until its analysis thread has the first version:
 * its model comes back a pause later, so that what is sent now reaches the server before it.
 */
async function openHeldUnanalysed(text = TEXT): Promise<string> {
  const name = `large-${++opened}.md`;
  const uri = workspace.uri(`docs/spec-deltas/${name}`);
  held.open(uri, text, 1);
  const received = path.join(releases.folder, `${name}.v1`);
  for (const started = Date.now(); !fs.existsSync(received); await new Promise((resolve) => setTimeout(resolve, 5)))
    assert.ok(Date.now() - started < 10000, 'the analysis thread received the first version');
  return uri;
}

/** The answer, or a failure when it does not come within `ms`. */
async function answeredWithin<R>(request: Promise<R>, ms: number): Promise<R> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  try {
    return await Promise.race([request, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Code actions with their edits resolved, as an editor applies them. */
async function resolved(c: LspClient, actions: CodeAction[]): Promise<CodeAction[]> {
  return Promise.all(actions.map((a) => (a.data ? c.request<CodeAction>('codeAction/resolve', a) : a)));
}

test('a completion asked after an edit but before the first model: answers from that model through the edit, without waiting for the analysis of the edit', async () => {
  const uri = await openHeldUnanalysed();
  plain.open(uri, TEXT, 1);
  // A subsection's heading made another's: parsed, the items below it are the other group's.
  changeBoth(uri, '### Enforcement Level', '### Category');
  const at = positionOf(held.text(uri), '- [ ] **Soft Warning**', '- [ ] '.length);
  const params = { textDocument: { uri }, position: at };
  const labels = (items: CompletionItem[]) => items.map((i) => i.label);
  const parsed = labels(await plain.request<CompletionItem[]>('textDocument/completion', params));
  assert.ok(parsed.includes('Critical Data Protection'), `a parse of the new text offers the Category items: ${parsed.join(', ')}`);
  // The held thread never answers the edited version: a completion that waited for it would never come.
  const offered = labels(await answeredWithin(held.request<CompletionItem[]>('textDocument/completion', params), 10000));
  assert.ok(
    offered.includes('Hard Block') && !offered.includes('Critical Data Protection'),
    `the first model's Enforcement Level items: ${offered.join(', ')}`,
  );
  held.close(uri);
  plain.close(uri);
});

test('a completion asked before the first model, and lines typed above it before the model came: answers for the text it was asked on', async () => {
  const uri = await openHeldUnanalysed();
  const at = positionOf(TEXT, '**Status**: Approved', '**Status**: '.length);
  const asked = held.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at });
  held.change(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, 'Two\nlines\n');
  const items = await answeredWithin(asked, 10000);
  const draft = items.find((i) => i.label === 'Draft');
  assert.deepEqual(draft?.textEdit, { range: { start: at, end: { line: at.line, character: at.character + 'Approved'.length } }, newText: 'Draft' });
  held.close(uri);
});

test('typing on a line: completion there reads its current text in the last model, as a fresh parse would answer', async () => {
  const { uri } = await openBoth();
  changeBoth(uri, '**Status**: Approved', '**Status**: ');
  const at = positionOf(held.text(uri), '**Status**: ', '**Status**: '.length);
  const answers = await both<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at });
  assert.ok(answers.held.length > 0, 'Status values offered');
  assert.deepEqual(answers.held, answers.plain);
  held.close(uri);
  plain.close(uri);
});

test('lines inserted: hover below them answers at their new place from the last model; a fix that inserts below them waits for the analysis of the text as it is now', async () => {
  const { uri, diagnostics } = await openBoth();
  const finding = diagnostics.find((d) => String(d.message).includes('Severity'));
  assert.ok(finding, 'the missing Severity is found');
  changeBoth(uri, '**Status**: Approved', 'Three\nnew\nlines\n**Status**: Approved');
  const status = positionOf(held.text(uri), '**Status**', 4);
  const hovers = await both<Hover | null>('textDocument/hover', { textDocument: { uri }, position: status });
  assert.ok(hovers.held, 'the Status field has its hover');
  assert.deepEqual(hovers.held, hovers.plain);
  // The finding stands on the title, above the new lines; its fix inserts below them.
  assert.equal(finding.range.start.line, 0);
  const params = { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } };
  const asked = held.request<CodeAction[]>('textDocument/codeAction', params);
  assert.ok(await unansweredAfter(asked, 300), 'not answered from the last model');
  release(uri);
  const actions = { held: await asked, plain: await plain.request<CodeAction[]>('textDocument/codeAction', params) };
  const heldActions = await resolved(held, actions.held);
  assert.ok(
    heldActions.some((a) => a.title.includes('Severity') && a.edit),
    `the fix of the finding is offered: ${heldActions.map((a) => a.title).join('; ')}`,
  );
  assert.deepEqual(heldActions, await resolved(plain, actions.plain));
  held.close(uri);
  plain.close(uri);
});

test('no parse of the newest text on the main thread: a heading typed after the last model has no hover there', async () => {
  const { uri } = await openBoth();
  // One line made into another: the last model pairs it with the line it was, a Status field.
  changeBoth(uri, '**Status**: Approved', '## APPROVAL');
  const at = positionOf(held.text(uri), '## APPROVAL', 5);
  const hovers = await both<Hover | null>('textDocument/hover', { textDocument: { uri }, position: at });
  assert.ok(hovers.plain, 'parsed, the heading has a hover');
  assert.equal(hovers.held, null, 'the held server answered from its first model, which has no heading there');
  held.close(uri);
  plain.close(uri);
});

test('a rename while the document is newer than its last model is refused, never applied at old places', async () => {
  const { uri } = await openBoth(TEXT, impatient);
  const id = positionOf(impatient.text(uri), '# Spec Delta: INVARIANT-777', '# Spec Delta: '.length + 3);
  // Lines typed above the id: the last model's ranges of the id are now a line too high.
  changeBoth(uri, '# Spec Delta', '\n# Spec Delta', 0, impatient);
  const moved = { line: id.line + 1, character: id.character };
  const params = { textDocument: { uri }, position: moved, newName: 'INVARIANT-778' };
  await assert.rejects(impatient.request('textDocument/rename', params), (error: { code: number; message: string }) => {
    assert.equal(error.code, -32801);
    assert.equal(error.message, 'The document is still being analysed: ask again in a moment.');
    return true;
  });
  // The server that parsed the new text renames at the id's new place.
  const edit = await plain.request<{ changes: Record<string, { range: { start: { line: number } } }[]> }>('textDocument/rename', params);
  assert.ok(edit.changes[uri]!.some((e) => e.range.start.line === moved.line));
  impatient.close(uri);
  plain.close(uri);
});

test('typing a Decision in an approval cell the last model has empty: the completion replaces what was typed, as a fresh parse would', async () => {
  const { uri } = await openBoth(edit(TEXT, '| Platform Owner | Ama Mensah | 2026-03-19 | Approved |', '| Platform Owner | Ama Mensah | 2026-03-19 | |'));
  // The last model has the cell empty; now it holds a prefix, which the chosen value must replace.
  changeBoth(uri, '2026-03-19 | |', 'Ap |', '2026-03-19 | '.length);
  const at = positionOf(held.text(uri), '2026-03-19 | Ap |', '2026-03-19 | Ap'.length);
  const answers = await both<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: at });
  const approved = (items: CompletionItem[]) => items.find((i) => i.label === 'Approved')?.textEdit;
  assert.deepEqual(approved(answers.plain), { range: { start: { line: at.line, character: at.character - 2 }, end: at }, newText: 'Approved' });
  assert.deepEqual(approved(answers.held), approved(answers.plain));
  held.close(uri);
  plain.close(uri);
});

/** A large document with a line typed above its title, which holds its id: the id's places moved a line down since the last model. */
async function withLineAboveId(
  c = held,
): Promise<{ uri: string; definition: { textDocument: { uri: string }; position: { line: number; character: number } } }> {
  const { uri } = await openBoth(TEXT, c);
  const id = positionOf(c.text(uri), '# Spec Delta: INVARIANT-777', '# Spec Delta: '.length + 3);
  changeBoth(uri, '# Spec Delta', '\n# Spec Delta', 0, c);
  return { uri, definition: { textDocument: { uri }, position: { line: id.line + 1, character: id.character } } };
}

test('lines typed above an id: definition and references wait for the analysis of the text as it is now, and answer as a fresh parse would', async () => {
  const { uri, definition } = await withLineAboveId();
  const references = { ...definition, context: { includeDeclaration: true } };
  const heldDefinition = held.request<Location[]>('textDocument/definition', definition);
  const heldReferences = held.request<Location[]>('textDocument/references', references);
  assert.ok(await unansweredAfter(heldDefinition, 300), 'definition is not answered from the last model, whose places of the id are a line too high');
  release(uri);
  const plainDefinition = await plain.request<Location[]>('textDocument/definition', definition);
  assert.ok(
    plainDefinition.some((l) => l.uri === uri && l.range.start.line === definition.position.line),
    'parsed, the id is defined at its new place',
  );
  assert.deepEqual(await heldDefinition, plainDefinition);
  assert.deepEqual(await heldReferences, await plain.request<Location[]>('textDocument/references', references));
  held.close(uri);
  plain.close(uri);
});

test('lines typed above an id and no analysis of them in time: definition and references answer ContentModified, never the old places', async () => {
  const { uri, definition } = await withLineAboveId(impatient);
  const references = { ...definition, context: { includeDeclaration: false } };
  const contentModified = (error: { code: number }) => error.code === -32801;
  await Promise.all([
    assert.rejects(impatient.request<Location[]>('textDocument/definition', definition), contentModified),
    assert.rejects(impatient.request<Location[]>('textDocument/references', references), contentModified),
  ]);
  impatient.close(uri);
  plain.close(uri);
});

test('a definition waiting for the analysis of the text as it is now ends when the editor cancels it', async () => {
  const { uri, definition } = await withLineAboveId();
  const cancellation = new CancellationTokenSource();
  const started = Date.now();
  const answer = held.request<Location[]>('textDocument/definition', definition, cancellation.token);
  setTimeout(() => cancellation.cancel(), 100);
  await assert.rejects(answer, (error: { code: number }) => error.code === -32800);
  const waited = Date.now() - started;
  assert.ok(waited < 1500, `answered ${waited} ms after it was asked, not after the whole wait`);
  held.close(uri);
  plain.close(uri);
});

test('Insert Missing Sections after the missing field was typed: waits for the analysis of the text as it is now and inserts nothing twice', async () => {
  const { uri } = await openBoth();
  const command = { command: INSERT_MISSING_SECTIONS_COMMAND, arguments: [uri] };
  changeBoth(uri, '**Status**: Approved\n', '**Status**: Approved\n**Severity**: High\n');
  const edits = held.appliedEdits.length;
  const heldResult = held.request<InsertMissingSectionsResult>('workspace/executeCommand', command);
  assert.ok(await unansweredAfter(heldResult, 300), 'not answered from the last model, which still misses the Severity field');
  release(uri);
  const plainResult = await plain.request<InsertMissingSectionsResult>('workspace/executeCommand', command);
  assert.deepEqual(plainResult, { applied: true, inserted: 0 });
  assert.deepEqual(await heldResult, plainResult);
  assert.equal(held.appliedEdits.length, edits, 'no edit sent');
  held.close(uri);
  plain.close(uri);
});

test('Insert Missing Sections with no analysis of the text as it is now in time: not applied, and no edit at the old places', async () => {
  const { uri } = await openBoth(TEXT, impatient);
  changeBoth(uri, '**Status**: Approved\n', '**Status**: Approved\n**Severity**: High\n', 0, impatient);
  const edits = impatient.appliedEdits.length;
  const result = await impatient.request<InsertMissingSectionsResult>('workspace/executeCommand', {
    command: INSERT_MISSING_SECTIONS_COMMAND,
    arguments: [uri],
  });
  assert.deepEqual(result, { applied: false, inserted: 0 });
  assert.equal(impatient.appliedEdits.length, edits, 'no edit sent');
  impatient.close(uri);
  plain.close(uri);
});

/** A large document missing its Severity field, which is then typed: the first model's finding (and its fix) is stale. */
async function withSeverityTyped(c = held): Promise<{ uri: string; finding: Diagnostic }> {
  const { uri, diagnostics } = await openBoth(TEXT, c);
  const finding = diagnostics.find((d) => String(d.message).includes('Severity'));
  assert.ok(finding, 'the missing Severity is found');
  changeBoth(uri, '**Status**: Approved\n', '**Status**: Approved\n**Severity**: High\n', 0, c);
  return { uri, finding };
}

/** The text the actions' edits insert, resolved as an editor applies them. */
async function insertedBy(c: LspClient, actions: CodeAction[]): Promise<string[]> {
  return (await resolved(c, actions)).flatMap((a) => Object.values(a.edit?.changes ?? {}).flatMap((edits) => edits.map((e) => e.newText)));
}

test('the missing field typed since the last model: code actions on its stale finding wait for the analysis of the text as it is now, and insert nothing twice', async () => {
  const { uri, finding } = await withSeverityTyped();
  const params = { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } };
  const asked = held.request<CodeAction[]>('textDocument/codeAction', params);
  assert.ok(await unansweredAfter(asked, 300), 'not answered from the last model, which still misses the Severity field');
  release(uri);
  const plainActions = await plain.request<CodeAction[]>('textDocument/codeAction', params);
  const heldActions = await asked;
  assert.ok(!(await insertedBy(held, heldActions)).some((t) => t.includes('**Severity**')), 'no fix inserts the Severity field again');
  assert.deepEqual(await resolved(held, heldActions), await resolved(plain, plainActions));
  held.close(uri);
  plain.close(uri);
});

test('the missing field typed since the last model and no analysis of it in time: no code actions, Fix All included, never edits at the old places', async () => {
  const { uri, finding } = await withSeverityTyped(impatient);
  const [quickFixes, fixAll] = await Promise.all([
    impatient.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } }),
    impatient.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: finding.range,
      context: { diagnostics: [], only: [FIX_ALL_KIND] },
    }),
  ]);
  assert.deepEqual(quickFixes, []);
  assert.deepEqual(fixAll, []);
  impatient.close(uri);
  plain.close(uri);
});

test('Fix All after the missing field was typed: waits for the analysis of the text as it is now, as a fresh parse answers', async () => {
  const { uri, finding } = await withSeverityTyped();
  const params = { textDocument: { uri }, range: finding.range, context: { diagnostics: [], only: [FIX_ALL_KIND] } };
  const asked = held.request<CodeAction[]>('textDocument/codeAction', params);
  assert.ok(await unansweredAfter(asked, 300), 'not answered from the last model');
  release(uri);
  const heldActions = await asked;
  assert.ok(!(await insertedBy(held, heldActions)).some((t) => t.includes('**Severity**')), 'Fix All does not insert the Severity field again');
  assert.deepEqual(await resolved(held, heldActions), await resolved(plain, await plain.request<CodeAction[]>('textDocument/codeAction', params)));
  held.close(uri);
  plain.close(uri);
});

/** Tells the held server that a `.spec-delta.json` changed (at `relative`, in the workspace): it analyses every open document again. */
function configChanged(relative = 'docs/.spec-delta.json'): void {
  held.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: workspace.uri(relative), type: 2 }] });
}

test('a definition waiting for the analysis of the text as it is now, and the configuration changes: answered ContentModified at once, not after the whole wait', async () => {
  const { uri, definition } = await withLineAboveId();
  const answer = held.request<Location[]>('textDocument/definition', definition);
  assert.ok(await unansweredAfter(answer, 200), 'waiting for the analysis');
  const changed = Date.now();
  configChanged();
  await assert.rejects(answer, (error: { code: number }) => error.code === -32801);
  const waited = Date.now() - changed;
  assert.ok(waited < 1000, `answered ${waited} ms after the configuration changed, not when the wait ran out`);
  held.close(uri);
  plain.close(uri);
});

test('a definition waiting for the analysis of the text as it is now, and the document is closed: answered ContentModified at once', async () => {
  const { uri, definition } = await withLineAboveId();
  const answer = held.request<Location[]>('textDocument/definition', definition);
  assert.ok(await unansweredAfter(answer, 200), 'waiting for the analysis');
  const closed = Date.now();
  held.close(uri);
  await assert.rejects(answer, (error: { code: number }) => error.code === -32801);
  const waited = Date.now() - closed;
  assert.ok(waited < 1000, `answered ${waited} ms after the document closed, not when the wait ran out`);
  plain.close(uri);
});

test('the configuration changes while the analysis thread has a version: its result under the old settings is not kept, the diagnostics are those of the new ones', async () => {
  const name = `large-${++opened}.md`;
  const uri = workspace.uri(`docs/spec-deltas/configured/${name}`);
  held.open(uri, TEXT, 1);
  const first = await held.diagnostics(uri, 1, 30000);
  const code = first.find((d) => String(d.message).includes('Severity'))?.code;
  assert.ok(code, 'the missing Severity is found');
  // A version the thread holds: its analysis under the old settings is under way when they change.
  const at = positionOf(held.text(uri), '### What Happened');
  held.change(uri, { start: at, end: at }, 'Typed.\n\n');
  const received = path.join(releases.folder, `${name}.v2`);
  for (const started = Date.now(); !fs.existsSync(received); await new Promise((resolve) => setTimeout(resolve, 5)))
    assert.ok(Date.now() - started < 10000, 'the analysis thread received the second version');
  workspace.write('docs/spec-deltas/configured/.spec-delta.json', JSON.stringify({ rules: { [String(code)]: 'off' } }));
  const since = held.published.length;
  configChanged('docs/spec-deltas/configured/.spec-delta.json');
  release(uri);
  const published = await held.nextDiagnostics(uri, (d) => !d.some((x) => x.code === code), 2, 10000);
  assert.ok(!published.some((d) => d.code === code));
  // Nothing published later brings the old settings' finding back, nor was it published before the new ones.
  await delay(500);
  const after = held.published.slice(since).filter((p) => p.uri === uri);
  assert.deepEqual(
    after.filter((p) => p.diagnostics.some((d) => d.code === code)),
    [],
    'every diagnostics published since are those of the new settings',
  );
  held.close(uri);
});

/** Under the held server's limit of 1,000 characters for the analysis thread: analysed on its main thread. */
const SMALL = '# Spec Delta: INVARIANT-777 Checkout totals\n\n**Status**: Draft\n';
/** The large text with its Status line made a heading: a model of TEXT has no heading there. */
const GROWN = edit(TEXT, '**Status**: Approved', '## APPROVAL');

/** Replaces the whole text of the document in the given servers. */
function replaceText(clients: LspClient[], uri: string, text: string): void {
  const old = held.text(uri);
  for (const c of clients) c.change(uri, { start: { line: 0, character: 0 }, end: positionAt(old, old.length) }, text);
}

/** A hover on GROWN's heading, in the held server and then in the plain one. */
function hoverOnHeading(uri: string): { held: Promise<Hover | null>; plain: () => Promise<Hover | null> } {
  const params = { textDocument: { uri }, position: positionOf(GROWN, '## APPROVAL', 5) };
  return { held: held.request<Hover | null>('textDocument/hover', params), plain: () => plain.request<Hover | null>('textDocument/hover', params) };
}

test("a large document edited under the thread's limit and back over it: requests wait for the model of its new text, never read the one from before", async () => {
  const { uri } = await openBoth();
  replaceText([held, plain], uri, SMALL);
  await held.diagnostics(uri, 2);
  replaceText([held, plain], uri, GROWN);
  const hover = hoverOnHeading(uri);
  assert.ok(await unansweredAfter(hover.held, 300), 'not answered from the model of the text before it went under the limit');
  release(uri);
  const parsed = await hover.plain();
  assert.ok(parsed, 'parsed, the heading has a hover');
  assert.deepEqual(await hover.held, parsed);
  held.close(uri);
  plain.close(uri);
});

test("a large document edited under the thread's limit and back over it while the thread analyses it: its late result is not kept for requests", async () => {
  const uri = await openHeldUnanalysed();
  plain.open(uri, TEXT, 1);
  // Back over the limit before the thread's model of the first version comes back.
  replaceText([held, plain], uri, SMALL);
  replaceText([held, plain], uri, GROWN);
  const hover = hoverOnHeading(uri);
  assert.ok(await unansweredAfter(hover.held, 300), 'not answered from the model of the text before it went under the limit');
  release(uri);
  assert.deepEqual(await hover.held, await hover.plain());
  held.close(uri);
  plain.close(uri);
});

test("a large document closed while the thread analyses it and opened again with another text: requests never read the late result as the new text's", async () => {
  const uri = await openHeldUnanalysed();
  held.close(uri);
  // The thread's model of the closed text comes back meanwhile.
  await delay(800);
  held.open(uri, GROWN, 1);
  plain.open(uri, GROWN, 1);
  const hover = hoverOnHeading(uri);
  const parsed = await hover.plain();
  assert.ok(parsed, 'parsed, the heading has a hover');
  assert.deepEqual(await hover.held, parsed);
  held.close(uri);
  plain.close(uri);
});

/** Opens the text in the held server `c` at version 2, which its analysis thread holds back: no model of the document comes. */
async function openHeldBack(c = held): Promise<string> {
  const name = `large-${++opened}.md`;
  const uri = workspace.uri(`docs/spec-deltas/${name}`);
  c.open(uri, TEXT, 2);
  const received = path.join(releases.folder, `${name}.v2`);
  for (const started = Date.now(); !fs.existsSync(received); await delay(5))
    assert.ok(Date.now() - started < 10000, 'the analysis thread received the document');
  return uri;
}

test('a hover waiting for the first model of a document, which does not come: answered when the wait runs out, not never', async () => {
  const uri = await openHeldBack(impatient);
  const hover = impatient.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(TEXT, '**Status**', 4) });
  assert.equal(await answeredWithin(hover, 10000), null);
  impatient.close(uri);
});

test('a completion waiting for the first model of a document ends when the editor cancels it', async () => {
  const uri = await openHeldBack();
  const cancellation = new CancellationTokenSource();
  const started = Date.now();
  const params = { textDocument: { uri }, position: positionOf(TEXT, '**Status**: Approved', '**Status**: '.length) };
  const answer = held.request<CompletionItem[]>('textDocument/completion', params, cancellation.token);
  setTimeout(() => cancellation.cancel(), 100);
  assert.deepEqual(await answeredWithin(answer, 10000), []);
  const waited = Date.now() - started;
  assert.ok(waited < 1500, `answered ${waited} ms after it was asked, not after the whole wait`);
  held.close(uri);
});
