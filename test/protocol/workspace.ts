import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic, Position, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { APPROVED, edit, readRepoFile } from '../unit/helpers';
import { positionAt } from '../unit/specHelpers';
import { LspClient } from './lspClient';

/** A workspace holding the Approved INVARIANT-017, which the test documents refer to. */
export function withInvariant017(): Record<string, string> {
  return { 'docs/spec-deltas/INVARIANT-017-order-totals.md': readRepoFile('examples/INVARIANT-017-order-total-equals-line-items.md') };
}

/** The real server started on a temporary workspace of `files`, once it has indexed them. */
export async function startServer(files: Record<string, string>): Promise<{ workspace: TempWorkspace; client: LspClient }> {
  const workspace = new TempWorkspace(files);
  return { workspace, client: await new LspClient().start([workspace.folder]) };
}

export async function stopServer(workspace: TempWorkspace | undefined, client: LspClient | undefined): Promise<void> {
  await client?.stop();
  workspace?.dispose();
}

/** A folder of files on disk for one test file, removed at the end. */
export class TempWorkspace {
  readonly folder = fs.mkdtempSync(path.join(os.tmpdir(), 'spec-delta-protocol-'));

  constructor(files: Readonly<Record<string, string>> = {}) {
    for (const [relative, text] of Object.entries(files)) this.write(relative, text);
  }

  path(relative: string): string {
    return path.join(this.folder, relative);
  }

  uri(relative: string): string {
    return pathToFileURL(this.path(relative)).href;
  }

  write(relative: string, text: string): string {
    fs.mkdirSync(path.dirname(this.path(relative)), { recursive: true });
    fs.writeFileSync(this.path(relative), text);
    return this.uri(relative);
  }

  remove(relative: string): string {
    fs.rmSync(this.path(relative), { force: true });
    return this.uri(relative);
  }

  dispose(): void {
    fs.rmSync(this.folder, { recursive: true, force: true });
  }
}

/** The approved example turned into a spec delta for another id and title. */
export function approvedWithId(id: string, title: string): string {
  const withTitle = edit(APPROVED, "INVARIANT-042 Checkout totals are computed in the order's currency", `${id} ${title}`);
  return edit(withTitle, '`INVARIANT-042`', `\`${id}\``);
}

/** The position of `needle` (its only occurrence) plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const at = text.indexOf(needle);
  assert.ok(at !== -1 && text.indexOf(needle, at + 1) === -1, `'${needle}' occurs exactly once`);
  return positionAt(text, at + delta);
}

/** The position right after `needle` (its only occurrence). */
export function positionAfter(text: string, needle: string): Position {
  return positionOf(text, needle, needle.length);
}

/** Applies LSP edits as an editor does (independent of the server's own edit code). */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('file:///x.md', 'markdown', 0, text), [...edits]);
}

/** Every line of `before` is still in `after`, in the same order: the edit only added or replaced text within lines it names. */
export function keepsLines(before: string, after: string, replaced: readonly string[] = []): void {
  const rest = after.split(/\r?\n/);
  let at = 0;
  for (const line of before.split(/\r?\n/)) {
    if (replaced.includes(line)) continue;
    const found = rest.indexOf(line, at);
    assert.ok(found !== -1, `the line '${line}' is kept`);
    at = found + 1;
  }
}

/** `CODE line:char-line:char` (0-based, as sent) for compact exact comparisons. */
export function brief(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity}`);
}
