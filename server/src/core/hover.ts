import { Hover, MarkupKind, Position } from 'vscode-languageserver-types';
import { codeBlock, escapeMarkdown, statusLine } from './markdown';
import type { SpecDeltaDocument } from './model';
import { idAt } from './navigation';
import { containsPosition } from './text';
import type { WorkspaceIndex } from './workspaceIndex';

/** Hover: an id shows its spec delta; a field name its allowed values; a heading what it is for. */
export function getHover(doc: SpecDeltaDocument, position: Position, index: WorkspaceIndex): Hover | null {
  const token = idAt(doc, position);
  if (token) {
    const definitions = index.definitions(token.text);
    const parts = definitions.map((d) => {
      const entry = index.get(d.uri);
      const statement = entry?.ruleStatement ? `\n\n${codeBlock(entry.ruleStatement)}` : '';
      return `**${escapeMarkdown(d.id)}** ${escapeMarkdown(d.title)}\n\n${statusLine(entry?.status ?? '?', entry?.severity ?? '')}${statement}`;
    });
    const value = parts.length ? parts.join('\n\n---\n\n') : `**${escapeMarkdown(token.text)}**: no spec delta in the workspace defines this id.`;
    return { contents: { kind: MarkupKind.Markdown, value }, range: token.range };
  }
  const field = doc.fields.find((f) => containsPosition(f.name.range, position));
  if (field?.definition) {
    const def = field.definition;
    const values = def.values ? '\n\n' + def.values.map((v) => `- \`${v.value}\`: ${v.description}`).join('\n') : '';
    return { contents: { kind: MarkupKind.Markdown, value: `**${def.name}**: ${def.description}${values}` }, range: field.name.range };
  }
  for (const section of doc.sections.flatMap((s) => [s, ...s.subsections])) {
    if (!section.definition || !containsPosition(section.nameRange, position)) continue;
    return { contents: { kind: MarkupKind.Markdown, value: `**${section.definition.name}**: ${section.definition.description}` }, range: section.nameRange };
  }
  return null;
}
