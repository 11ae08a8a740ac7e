import { ID_PLACEHOLDER, PLACEHOLDER_PATTERNS, SEVERITY_VALUES, STATUS_VALUES, TITLE_PREFIX } from './template';
import { renderTemplate } from './templateText';

/** The `spec-delta` snippet: the whole template with tab stops and choice lists. */
export function snippetFile(): Record<string, { prefix: string[]; description: string; body: string[]; scope: string }> {
  return {
    'Spec Delta': {
      prefix: ['spec-delta', 'specdelta'],
      description: 'A new spec delta from the template: failure, root cause, invariant, validation, review and approval.',
      scope: 'markdown',
      body: renderTemplate({ snippet: true }).replace(/\n$/, '').split('\n'),
    },
  };
}

/** The TextMate grammar injected into Markdown: ids, rule-statement keywords, placeholders, statuses. */
export function grammarFile(): object {
  const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const values = [...STATUS_VALUES, ...SEVERITY_VALUES].map((v) => escape(v.value)).join('|');
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    scopeName: 'markdown.spec-delta.injection',
    injectionSelector: 'L:text.html.markdown -comment',
    patterns: [
      { include: '#placeholder' },
      { include: '#invariant-id' },
      { include: '#rule-keyword' },
      { include: '#weak-keyword' },
      { include: '#status-value' },
      { include: '#title-prefix' },
    ],
    repository: {
      placeholder: {
        comment: 'Template text left to replace (generated from the template definition).',
        match: [...PLACEHOLDER_PATTERNS.map((p) => p.pattern.source), `\\b${escape(ID_PLACEHOLDER)}\\b`].join('|'),
        name: 'invalid.illegal.placeholder.spec-delta',
      },
      'invariant-id': { match: '\\bINVARIANT-\\d+\\b', name: 'constant.language.invariant-id.spec-delta' },
      'rule-keyword': { match: '\\b(?:MUST NOT|MUST|SHALL NOT|SHALL|WHENEVER|WHEN)\\b', name: 'keyword.control.rule.spec-delta' },
      'weak-keyword': { match: '\\b(?:SHOULD NOT|SHOULD|MAY NOT|MAY)\\b', name: 'invalid.deprecated.weak-modal.spec-delta' },
      'status-value': {
        match: `(?<=\\*\\*(?:Status|Severity)\\*\\*: )(?:${values})\\b`,
        name: 'constant.language.status.spec-delta',
      },
      'title-prefix': { match: `(?<=^# )${escape(TITLE_PREFIX)}`, name: 'keyword.other.spec-delta' },
    },
  };
}
