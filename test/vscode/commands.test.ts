import * as assert from 'node:assert/strict';
import { before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { BROKEN, activateExtension, codeOf, onlyInserted, openDocument, restoreText, waitForDiagnostics, waitForText, workspaceUri } from './helpers';

describe('commands and views', () => {
  before(activateExtension);

  it('contributes its commands and views', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'specDelta.new',
      'specDelta.insertMissingSections',
      'specDelta.showStatus',
      'specDelta.status.focus',
      'specDelta.workspace.focus',
      'specDelta.showDashboard',
      'specDelta.workspace.groupBy',
    ]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
  });

  it('specDelta.showStatus opens the Status view, and the Workspace tree can be focused', async () => {
    await vscode.commands.executeCommand('specDelta.showStatus');
    await vscode.commands.executeCommand('specDelta.workspace.focus');
  });

  it('specDelta.showDashboard opens the Dashboard as an editor tab', async () => {
    const find = () =>
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('specDelta.dashboard'));
    // The tab appears once the panel is created: wait for the tab event, not for a time.
    const opened = new Promise<vscode.Tab>((resolve) => {
      const listener = vscode.window.tabGroups.onDidChangeTabs(() => {
        const tab = find();
        if (!tab) return;
        resolve(tab);
        listener.dispose();
      });
    });
    await vscode.commands.executeCommand('specDelta.showDashboard');
    const tab = find() ?? (await opened);
    assert.equal(tab.label, 'Spec Delta Dashboard');
    await vscode.window.tabGroups.close(tab);
  });

  it('specDelta.new(title) creates the next id from the template, and never overwrites a file', async () => {
    const title = 'Webhook retries are idempotent';
    // The fixture's highest id is INVARIANT-060.
    const first = workspaceUri('docs/spec-deltas/INVARIANT-061-webhook-retries-are-idempotent.md');
    await vscode.commands.executeCommand('specDelta.new', title);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(first));
    assert.match(text, /^# Spec Delta: INVARIANT-061 Webhook retries are idempotent\n/);
    assert.match(text, /^\*\*Date\*\*: \d{4}-\d{2}-\d{2}$/m);
    assert.match(text, /^`INVARIANT-061`$/m, 'the Invariant ID section carries the id');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), first.toString(), 'the new file is shown');
    assert.equal(
      vscode.window.activeTextEditor?.document.getText(vscode.window.activeTextEditor.selection),
      'Draft | Under Review | Approved | Rejected',
      'the Status value is selected',
    );

    await vscode.commands.executeCommand('specDelta.new', title);
    const second = workspaceUri('docs/spec-deltas/INVARIANT-062-webhook-retries-are-idempotent.md');
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(second)), /^# Spec Delta: INVARIANT-062 /);
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(first)), text, 'the first file is untouched');
  });

  it('specDelta.insertMissingSections inserts the missing section and keeps every written line', async () => {
    const document = await openDocument(BROKEN);
    const original = document.getText();
    await waitForDiagnostics(document.uri, (ds) => ds.some((d) => codeOf(d) === 'SD001'), 'SD001 for the missing Review Checklist');
    await vscode.window.showTextDocument(document);
    try {
      await vscode.commands.executeCommand('specDelta.insertMissingSections');
      const text = await waitForText(document, (t) => t.includes('\n## Review Checklist\n'), 'the Review Checklist insertion');
      assert.ok(onlyInserted(original, text), 'a line the user wrote was changed or removed');
      assert.ok(text.indexOf('## Review Checklist') < text.indexOf('## Approval'), 'the section goes where the template has it');
      await waitForDiagnostics(document.uri, (ds) => ds.length > 0 && !ds.some((d) => codeOf(d) === 'SD001'), 'SD001 to go');
    } finally {
      await restoreText(document, original);
    }
  });
});
