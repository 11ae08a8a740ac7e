import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { BROKEN, GOOD, NOTES, activateExtension, codeOf, openDocument, positionAfter, restoreText, waitForDiagnostics } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

function targetOf(location: vscode.Location | vscode.LocationLink): { uri: vscode.Uri; range: vscode.Range } {
  return 'targetUri' in location ? { uri: location.targetUri, range: location.targetRange } : location;
}

describe('completion, quick fixes and navigation', () => {
  // The good spec delta is opened too, so that its id is known whether or not indexing has finished.
  before(async () => {
    await activateExtension();
    await openDocument(GOOD);
  });

  it('completion after `**Status**: ` offers the four statuses', async () => {
    const document = await openDocument(BROKEN);
    const original = document.getText();
    const start = positionAfter(document, '**Status**: ');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(document.uri, new vscode.Range(start, start.translate(0, 'Draft'.length)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    try {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, start);
      const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember);
      assert.deepEqual(
        ours.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)),
        ['Draft', 'Under Review', 'Approved', 'Rejected'],
      );
    } finally {
      await restoreText(document, original);
    }
  });

  it('a quick fix replaces only the wrong value, and its finding goes', async () => {
    const document = await openDocument(BROKEN);
    const original = document.getText();
    const isSeverity = (d: vscode.Diagnostic): boolean => codeOf(d) === 'SD006' && /found 'Hihg'/.test(d.message);
    const diagnostic = (await waitForDiagnostics(document.uri, (ds) => ds.some(isSeverity), "SD006 for Severity 'Hihg'")).find(isSeverity)!;
    // The server leaves the edits to codeAction/resolve: VS Code resolves the one it applies, this test the first 20.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
      20,
    );
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Disable SD006 for this line'), `no disable comment among ${titles.join(' | ')}`);
    const fix = actions.find((a) => a.title === "Replace with 'High'");
    assert.ok(fix?.edit, `no "Replace with 'High'" among ${titles.join(' | ')}`);
    assert.equal(fix.isPreferred, true, 'the closest value is the preferred fix');
    try {
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.equal(document.getText(), original.replace('**Severity**: Hihg', '**Severity**: High'));
      await waitForDiagnostics(document.uri, (ds) => ds.length > 0 && !ds.some(isSeverity), 'the Severity finding to go');
    } finally {
      await restoreText(document, original);
    }
  });

  it('hover on an INVARIANT id shows the spec delta that defines it', async () => {
    const document = await openDocument(BROKEN);
    const position = positionAfter(document, 'INVARIANT-04');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
    const text = hoverText(hovers);
    assert.match(text, /\*\*INVARIANT-042\*\* Checkout totals are computed in the order's currency/);
    assert.match(text, /Status: Approved · Severity: High/);
  });

  it('definition of an INVARIANT id goes to the spec delta that defines it, also from a plain Markdown file', async () => {
    for (const from of [BROKEN, NOTES]) {
      const document = await openDocument(from);
      const position = positionAfter(document, 'INVARIANT-04');
      const locations = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        document.uri,
        position,
      );
      assert.equal(locations.length, 1, `one definition from ${from}`);
      const target = targetOf(locations[0]!);
      assert.match(target.uri.path, /INVARIANT-042-checkout-totals-currency\.md$/);
      const good = await openDocument(GOOD);
      assert.match(good.getText(target.range), /^INVARIANT-042$/);
    }
  });

  it('hover on a field name explains the field', async () => {
    const document = await openDocument(BROKEN);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionAfter(document, '**Sta'));
    assert.match(hoverText(hovers), /\*\*Status\*\*/);
  });
});
