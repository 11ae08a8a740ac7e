import type { Diagnostic } from 'vscode-languageserver-types';

/** A diagnostic's message as plain text (LSP 3.18 also allows Markdown content). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
