/**
 * A document's text inside Markdown we show (hovers, completion details, the Workspace tree's
 * tooltips): escaped, so that a title or value written as a link, an image (fetched when shown),
 * strikethrough, an entity or HTML is only text.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|~&]/g, (c) => '\\' + c);
}

/** `Status: Approved · Severity: High`, the values escaped. */
export function statusLine(status: string, severity: string): string {
  return `Status: ${escapeMarkdown(status)} · Severity: ${severity ? escapeMarkdown(severity) : 'not set'}`;
}

/** A fenced code block whose fence is longer than any run of backticks in the text, so that the text cannot close it. */
export function codeBlock(text: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}\n${text}\n${fence}`;
}
