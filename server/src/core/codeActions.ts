import { CodeAction, CodeActionKind, Diagnostic, TextEdit } from 'vscode-languageserver-types';
import { fixesOf } from './languageService';
import { lineStart, mergeInsertions } from './fixes';
import type { SpecDeltaDocument } from './model';
import { lineRange } from './text';

/** Kind of the fix-all source action; VS Code runs it on save when asked to. */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.specDelta`;

/**
 * Code actions: each fix a diagnostic carries, a comment that silences the diagnostic's rule on
 * its line, and Insert Missing Sections for all insert-only fixes at once.
 */
export function getCodeActions(
  doc: SpecDeltaDocument,
  diagnostics: readonly Diagnostic[],
  allDiagnostics: readonly Diagnostic[],
  only?: readonly string[],
): CodeAction[] {
  const wants = (kind: string): boolean => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
  const actions: CodeAction[] = [];
  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of diagnostics) {
      for (const fix of fixesOf(diagnostic)) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: { changes: { [doc.uri]: [...fix.edits] } },
        });
      }
    }
    for (const diagnostic of diagnostics) {
      const disable = disableComment(doc, diagnostic);
      if (disable) actions.push(disable);
    }
  }
  const inserts = mergeInsertions(allDiagnostics.flatMap(fixesOf));
  if (inserts.length > 1 && wants(CodeActionKind.QuickFix) && diagnostics.some((d) => fixesOf(d).some((f) => f.insertOnly))) {
    actions.push({ title: 'Insert all missing sections and fields', kind: CodeActionKind.QuickFix, edit: { changes: { [doc.uri]: inserts } } });
  }
  if (inserts.length > 0 && wants(FIX_ALL_KIND)) {
    actions.push({ title: 'Insert Missing Sections', kind: FIX_ALL_KIND, edit: { changes: { [doc.uri]: inserts } } });
  }
  return actions;
}

/** The edits of Insert Missing Sections for a document's diagnostics. */
export function missingSectionEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  return mergeInsertions(diagnostics.flatMap(fixesOf));
}

function disableComment(doc: SpecDeltaDocument, diagnostic: Diagnostic): CodeAction | undefined {
  const line = diagnostic.range.start.line;
  const text = doc.lines[line] ?? '';
  // A comment line would split a table or a heading from its body.
  if (text.trimStart().startsWith('|') || /^#{1,6}\s/.test(text.trimStart())) return undefined;
  const code = diagnostic.code;
  const fence = statementFence(doc, line);
  if (fence) {
    // Inside the fence a comment would become part of the rule statement and silence nothing:
    // the block is wrapped in a disable/enable pair instead.
    const edits: TextEdit[] = [
      { range: lineRange(fence.open, lineStart(doc, fence.open), lineStart(doc, fence.open)), newText: `<!-- spec-delta-disable ${code} -->${doc.eol}` },
      {
        range: lineRange(fence.close, doc.lines[fence.close]!.length, doc.lines[fence.close]!.length),
        newText: `${doc.eol}<!-- spec-delta-enable ${code} -->`,
      },
    ];
    return {
      title: `Disable ${code} for this rule statement`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      edit: { changes: { [doc.uri]: edits } },
    };
  }
  const start = lineStart(doc, line);
  const indent = /^\s*/.exec(text.slice(start))![0];
  return {
    title: `Disable ${code} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [doc.uri]: [{ range: lineRange(line, start, start), newText: `${indent}<!-- spec-delta-disable-next-line ${code} -->${doc.eol}` }] } },
  };
}

const FENCE = /^ {0,3}(```|~~~)/;

/** The fence lines around the rule statement when `line` is part of a fenced statement. */
function statementFence(doc: SpecDeltaDocument, line: number): { open: number; close: number } | undefined {
  const statement = doc.ruleStatement;
  if (!statement || line < statement.range.start.line || line > statement.range.end.line) return undefined;
  let open = statement.range.start.line - 1;
  while (open >= 0 && doc.lines[open]!.trim() === '') open--;
  let close = statement.range.end.line + 1;
  while (close < doc.lines.length && doc.lines[close]!.trim() === '') close++;
  if (open < 0 || close >= doc.lines.length || !FENCE.test(doc.lines[open]!) || !FENCE.test(doc.lines[close]!)) return undefined;
  return { open, close };
}
