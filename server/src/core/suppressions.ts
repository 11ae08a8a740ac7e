import type { Comment } from './model';

/**
 * Inline switches: `<!-- spec-delta-disable-next-line SD101 SD102 -->` silences the codes (all,
 * when none is named) on the next line; `<!-- spec-delta-disable CODE -->` silences them from
 * there on, until `<!-- spec-delta-enable CODE -->`.
 */
export interface Suppressions {
  isSuppressed(code: string, name: string, line: number): boolean;
}

// The directive ends at white space: `spec-delta-disable-nextline` is a typo, not `disable` of `-nextline`.
const DIRECTIVE = /^spec-delta-(disable-next-line|disable|enable)(?=\s|$)(.*)$/s;

/** The comments that switch rules off or on: all readSuppressions reads of a document's comments. */
export function isDirective(comment: Comment): boolean {
  return DIRECTIVE.test(comment.text);
}

export function readSuppressions(comments: readonly Comment[]): Suppressions {
  const nextLine = new Map<number, Set<string> | 'all'>();
  const spans: { from: number; to: number; codes: Set<string> | 'all' }[] = [];
  const open = new Map<string, number>();
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.text);
    if (!m) continue;
    const codes = m[2]!.split(/[\s,]+/).filter(Boolean);
    const key = codes.length === 0 ? '*' : undefined;
    if (m[1] === 'disable-next-line') {
      nextLine.set(comment.endLine + 1, codes.length === 0 ? 'all' : new Set(codes));
    } else if (m[1] === 'disable') {
      for (const code of key ? [key] : codes) if (!open.has(code)) open.set(code, comment.endLine);
    } else {
      for (const code of key ? [...open.keys()] : codes) {
        const from = open.get(code);
        if (from === undefined) continue;
        spans.push({ from, to: comment.startLine, codes: code === '*' ? 'all' : new Set([code]) });
        open.delete(code);
      }
    }
  }
  for (const [code, from] of open) spans.push({ from, to: Number.MAX_SAFE_INTEGER, codes: code === '*' ? 'all' : new Set([code]) });
  const matches = (codes: Set<string> | 'all', code: string, name: string): boolean => codes === 'all' || codes.has(code) || codes.has(name);
  return {
    isSuppressed(code, name, line) {
      const next = nextLine.get(line);
      if (next && matches(next, code, name)) return true;
      return spans.some((s) => line > s.from && line < s.to && matches(s.codes, code, name));
    },
  };
}
