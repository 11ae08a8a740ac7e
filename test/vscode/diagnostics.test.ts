import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import {
  BROKEN,
  DUPLICATE,
  GOOD,
  NOTES,
  activateExtension,
  codeOf,
  openAndWaitForFirstDiagnostics,
  openDocument,
  positionAfter,
  restoreText,
  waitForDiagnostics,
  workspaceUri,
} from './helpers';

/** `code line:character severity` (1-based), as the Problems panel shows a finding. */
function summary(d: vscode.Diagnostic): string {
  return `${codeOf(d)} ${d.range.start.line + 1}:${d.range.start.character + 1} ${vscode.DiagnosticSeverity[d.severity]}`;
}

describe('diagnostics', () => {
  before(activateExtension);

  it('a filled-in spec delta gets none', async () => {
    const { diagnostics } = await openAndWaitForFirstDiagnostics(GOOD);
    assert.deepEqual(diagnostics.map(summary), []);
  });

  it('a Markdown file that is not a spec delta gets none', async () => {
    const { diagnostics } = await openAndWaitForFirstDiagnostics(NOTES);
    assert.deepEqual(diagnostics.map(summary), []);
  });

  it('the broken spec delta gets its findings, with exact ranges, severities and doc links', async () => {
    await openDocument(DUPLICATE);
    const document = await openDocument(BROKEN);
    const expected = ['SD001 1:1 Error', 'SD012 1:15 Error', 'SD007 3:11 Error', 'SD006 6:15 Error', 'SD006 85:38 Error', 'SD101 106:38 Warning'];
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => expected.every((e) => ds.map(summary).includes(e)), `findings ${expected.join(', ')}`);
    const severity = diagnostics.find((d) => summary(d) === 'SD006 6:15 Error')!;
    assert.equal(document.getText(severity.range), 'Hihg');
    assert.match(severity.message, /Severity must be one of Critical, High, Medium or Low; found 'Hihg'/);
    const code = severity.code as { value: string; target: vscode.Uri };
    // The rule's page shipped in the extension, through its URI handler: offline, in any fork.
    assert.equal(code.target.toString(), `${vscode.env.uriScheme}://spec-delta.spec-delta/docs/rules/SD006.md`);
  });

  it("a rule link opens the extension's own copy of the rule page in the Markdown preview", async () => {
    await vscode.commands.executeCommand('specDelta.showRule', 'SD006');
    const isPreview = (tab: vscode.Tab | undefined): boolean => tab?.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(tab.input.viewType);
    const deadline = Date.now() + 10_000;
    while (!isPreview(vscode.window.tabGroups.activeTabGroup.activeTab) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(isPreview(tab), `the active tab is ${tab?.label}`);
    assert.match(tab!.label, /SD006\.md/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('the id that a second file duplicates is reported in that file too', async () => {
    const uri = workspaceUri(DUPLICATE);
    const diagnostics = await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'SD012'), 'SD012 in the second file');
    const duplicate = diagnostics.find((d) => codeOf(d) === 'SD012');
    assert.match(duplicate!.message, /INVARIANT-060 is also defined in INVARIANT-060-payment-webhooks-processed-once\.md/);
  });

  it('diagnostics follow typing: a wrong Status is reported, and the report goes once fixed', async () => {
    const document = await openDocument(BROKEN);
    const original = document.getText();
    const start = positionAfter(document, '**Status**: ');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, start.translate(0, 'Draft'.length)), 'Done');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const isDone = (d: vscode.Diagnostic): boolean => codeOf(d) === 'SD006' && /found 'Done'/.test(d.message);
    const found = (ds: vscode.Diagnostic[]): boolean => ds.some(isDone);
    const status = (await waitForDiagnostics(document.uri, found, "SD006 for Status 'Done'")).find(isDone);
    assert.equal(status!.severity, vscode.DiagnosticSeverity.Error);
    await restoreText(document, original);
    await waitForDiagnostics(document.uri, (ds) => !found(ds) && ds.length > 0, "the Status finding's removal");
  });
});
