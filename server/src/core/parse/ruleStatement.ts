import type { CodeBlock, RuleStatement, Section, Span } from '../model';
import { Segments, spanIn } from '../text';
import { DocumentLines, HR } from './lines';

const MODAL = /\b(MUST NOT|MUST|SHALL NOT|SHALL|SHOULD NOT|SHOULD|MAY NOT|MAY)\b/;
const WHEN = /\b(WHENEVER|WHEN|IF)\b/;
const SLOT = /\[[A-Z][A-Z _-]*\]/g;

/** The code block a section holds first, if any: the Rule Statement's own block. */
function blockIn(section: Section, codeBlocks: readonly CodeBlock[]): CodeBlock | undefined {
  return codeBlocks.find((b) => b.startLine >= section.bodyStartLine && b.startLine < section.bodyEndLine);
}

/** The statement in the section's code block (else its prose), split into its parts. */
export function readRuleStatement(doc: DocumentLines, section: Section, codeBlocks: readonly CodeBlock[]): RuleStatement | undefined {
  const segments = new Segments();
  const block = blockIn(section, codeBlocks);
  let from = section.bodyStartLine;
  let to = section.bodyEndLine;
  if (block) {
    from = block.fenced ? block.startLine + 1 : block.startLine;
    to = block.endLine;
    if (block.fenced && to - 1 > block.startLine && /^\s*(```|~~~)/.test(doc.lines[to - 1]!)) to--;
  }
  for (let l = from; l < to; l++) {
    if (!block && (!doc.isText(l) || HR.test(doc.lines[l]!))) continue;
    const text = doc.lines[l]!;
    if (text.trim() === '') continue;
    const span = spanIn(text, l, 0);
    segments.add(l, span.range.start.character, span.text);
  }
  const text = segments.text;
  if (text === '') return undefined;
  const slots: Span[] = [];
  for (const m of text.matchAll(SLOT)) slots.push({ text: m[0], range: segments.rangeOf(m.index!, m.index! + m[0].length) });
  const sub = (s: number, e: number): Span | undefined => {
    const raw = text.slice(s, e);
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    return trimmed ? { text: trimmed, range: segments.rangeOf(s + lead, s + lead + trimmed.length) } : undefined;
  };
  const modal = MODAL.exec(text);
  let component: Span | undefined;
  let requirement: Span | undefined;
  let when: Span | undefined;
  let condition: Span | undefined;
  let modalSpan: Span | undefined;
  if (modal) {
    modalSpan = sub(modal.index, modal.index + modal[0].length);
    component = sub(0, modal.index);
    const afterModal = modal.index + modal[0].length;
    const w = WHEN.exec(text.slice(afterModal));
    if (w) {
      const at = afterModal + w.index;
      requirement = sub(afterModal, at);
      when = sub(at, at + w[0].length);
      condition = sub(at + w[0].length, text.length);
    } else requirement = sub(afterModal, text.length);
  } else {
    const w = WHEN.exec(text);
    if (w) {
      when = sub(w.index, w.index + w[0].length);
      condition = sub(w.index + w[0].length, text.length);
    }
  }
  const first = segments.positionAt(0);
  const end = segments.positionAt(text.length);
  return { text, range: { start: first, end }, component, modal: modalSpan, requirement, when, condition, slots };
}
