/**
 * The one definition of the spec-delta template. Diagnostics, quick fixes, completions, the
 * snippet and the New Spec Delta command all read it; `templateText.ts` renders it back to the
 * exact Markdown of the template (a unit test holds the two together).
 */

/** A value a closed field may take, with the sentence shown beside it in completions and hovers. */
export interface ValueDef {
  readonly value: string;
  readonly description: string;
}

/** How a field's value is checked. */
export type FieldKind =
  | 'text' // free text, incomplete when empty or equal to the placeholder
  | 'date' // YYYY-MM-DD, a real calendar date
  | 'choice' // one of `values`
  | 'dataLoss' // starts with Yes or No; Yes needs a description
  | 'paragraph'; // the value is the prose that follows the field line

export interface FieldDef {
  readonly name: string;
  readonly kind: FieldKind;
  /** What the template writes as the value; empty for a field whose text follows on later lines. */
  readonly placeholder: string;
  readonly values?: readonly ValueDef[];
  readonly description: string;
}

export interface CheckboxItemDef {
  readonly label: string;
  /** Text after the bold label (`**Hard Block**: Deployment fails if violated`). */
  readonly detail?: string;
  /** `Other: ____________`: checked, it needs a name after the colon. */
  readonly other?: boolean;
}

export interface CheckboxGroupDef {
  readonly name: string;
  /** At most one item may be checked. */
  readonly single: boolean;
  /** At least one item must be checked before the document is complete. */
  readonly required: boolean;
  /** Every item must be checked before the document may be Approved. */
  readonly allBeforeApproval: boolean;
  readonly items: readonly CheckboxItemDef[];
  /** Shown with completions: what choosing from this group means. */
  readonly description: string;
}

export interface TableColumnDef {
  readonly name: string;
  /** Cells of this column are padded to the header's width in the template text. */
  readonly pad?: boolean;
}

export interface TableDef {
  readonly name: 'timeline' | 'approval';
  readonly columns: readonly TableColumnDef[];
  readonly rows: readonly (readonly string[])[];
}

/** One block of a section body; blocks of a group are on consecutive lines. */
export type Block =
  | { readonly kind: 'guidance'; readonly text: string }
  | { readonly kind: 'fields'; readonly bullets: boolean; readonly fields: readonly FieldDef[] }
  | { readonly kind: 'numbered'; readonly count: number }
  | { readonly kind: 'checkboxes'; readonly group: CheckboxGroupDef }
  | { readonly kind: 'table'; readonly table: TableDef }
  | { readonly kind: 'ruleStatement' }
  | { readonly kind: 'invariantId' };

export interface SectionDef {
  readonly name: string;
  readonly level: 2 | 3;
  /** Groups of blocks, separated by blank lines in the template text. */
  readonly groups: readonly (readonly Block[])[];
  readonly subsections: readonly SectionDef[];
  /** Filled in only after approval (Post-Approval): not incomplete before. */
  readonly postApproval: boolean;
  readonly description: string;
}

// ---- closed values -------------------------------------------------------------------------

export const STATUS_VALUES: readonly ValueDef[] = [
  { value: 'Draft', description: 'Being written; incompleteness is a warning.' },
  { value: 'Under Review', description: 'Ready for reviewers; everything must be filled in.' },
  { value: 'Approved', description: 'Accepted: checklist complete, approvers signed, implementation linked.' },
  { value: 'Rejected', description: 'Not adopted; the approval table records the Rejected decision.' },
];

export const SEVERITY_VALUES: readonly ValueDef[] = [
  { value: 'Critical', description: 'Data loss, security breach or a full outage.' },
  { value: 'High', description: 'Major feature broken or many users affected.' },
  { value: 'Medium', description: 'Degraded service or a workaround exists.' },
  { value: 'Low', description: 'Minor impact, few users, cosmetic.' },
];

export const REPUTATION_VALUES: readonly ValueDef[] = [
  { value: 'Internal only', description: 'Noticed inside the company only.' },
  { value: 'Customer-visible', description: 'Customers saw the failure.' },
  { value: 'Public incident', description: 'Publicly reported or on a public status page.' },
];

const DATA_LOSS_VALUES: readonly ValueDef[] = [
  { value: 'No', description: 'No data was lost.' },
  { value: 'Yes', description: 'Data was lost: describe what and how much after "Yes".' },
];

const CHECK_RESULT_VALUES: readonly ValueDef[] = [{ value: 'FAIL', description: 'The invariant check must fail on the state before the incident.' }];

/** Decisions in the approval table; an empty cell means not decided yet. */
export const DECISION_VALUES: readonly ValueDef[] = [
  { value: 'Proposed', description: 'The author proposes the invariant.' },
  { value: 'Approved', description: 'This approver accepts the invariant.' },
  { value: 'Rejected', description: 'This approver rejects the invariant.' },
  { value: 'Changes Requested', description: 'This approver asks for changes before deciding.' },
];

// ---- fields ----------------------------------------------------------------------------------

const HOURS_OR_DAYS = 'X hours/days';

export const METADATA_FIELDS: readonly FieldDef[] = [
  { name: 'Date', kind: 'date', placeholder: 'YYYY-MM-DD', description: 'The date of the incident or of this document, as YYYY-MM-DD.' },
  { name: 'Author', kind: 'text', placeholder: '[Name]', description: 'Who wrote this spec delta.' },
  {
    name: 'Status',
    kind: 'choice',
    placeholder: 'Draft | Under Review | Approved | Rejected',
    values: STATUS_VALUES,
    description: 'Where the document stands; it decides how strictly incompleteness is reported.',
  },
  {
    name: 'Severity',
    kind: 'choice',
    placeholder: 'Critical | High | Medium | Low',
    values: SEVERITY_VALUES,
    description: 'How bad the incident was.',
  },
];

const IMPACT_FIELDS: readonly FieldDef[] = [
  { name: 'Duration', kind: 'text', placeholder: HOURS_OR_DAYS, description: 'How long the incident lasted.' },
  { name: 'Users Affected', kind: 'text', placeholder: 'X', description: 'How many users were affected.' },
  { name: 'Revenue Impact', kind: 'text', placeholder: '$X (if applicable)', description: 'Revenue lost, if applicable.' },
  {
    name: 'Data Loss',
    kind: 'dataLoss',
    placeholder: 'Yes/No (describe if yes)',
    values: DATA_LOSS_VALUES,
    description: 'Whether data was lost: No, or Yes followed by what was lost.',
  },
  {
    name: 'Reputation',
    kind: 'choice',
    placeholder: 'Internal only / Customer-visible / Public incident',
    values: REPUTATION_VALUES,
    description: 'Who saw the failure.',
  },
];

const SCENARIO: FieldDef = {
  name: 'Scenario',
  kind: 'text',
  placeholder: '[Describe the exact state that existed before the incident]',
  description: 'The exact state before the incident that the invariant check is run against.',
};
const CHECK_RESULT: FieldDef = {
  name: 'Expected Invariant Check Result',
  kind: 'choice',
  placeholder: 'FAIL',
  values: CHECK_RESULT_VALUES,
  description: 'Always FAIL: the check must have rejected the state that caused the incident.',
};
const WHY_BLOCKED: FieldDef = {
  name: 'Why It Would Have Blocked',
  kind: 'paragraph',
  placeholder: '',
  description: 'How the check would have prevented the deployment or execution.',
};
const POTENTIAL_FALSE_POSITIVES: FieldDef = {
  name: 'Potential False Positives',
  kind: 'paragraph',
  placeholder: '',
  description: 'Legitimate changes the invariant could block, as a numbered list.',
};
const MITIGATION: FieldDef = {
  name: 'Mitigation for False Positives',
  kind: 'paragraph',
  placeholder: '',
  description: 'How legitimate exceptions are handled.',
};
const EFFORT: FieldDef = {
  name: 'Estimated Implementation Effort',
  kind: 'text',
  placeholder: HOURS_OR_DAYS,
  description: 'How long implementing the check will take.',
};

// ---- checkbox groups -------------------------------------------------------------------------

export const CATEGORY_GROUP: CheckboxGroupDef = {
  name: 'Category',
  single: true,
  required: true,
  allBeforeApproval: false,
  description: 'The invariant category; check exactly one.',
  items: [
    { label: 'Critical Data Protection' },
    { label: 'Observability Requirements' },
    { label: 'Deployment Safety' },
    { label: 'Security Boundaries' },
    { label: 'Performance Guarantees' },
    { label: 'API Contracts' },
    { label: 'Other', other: true },
  ],
};

export const ENFORCEMENT_GROUP: CheckboxGroupDef = {
  name: 'Enforcement Level',
  single: true,
  required: true,
  allBeforeApproval: false,
  description: 'What happens when the invariant is violated; check exactly one.',
  items: [
    { label: 'Hard Block', detail: 'Deployment fails if violated' },
    { label: 'Soft Warning', detail: 'Warning issued, requires override justification' },
    { label: 'Audit Only', detail: 'Logged for review, no blocking' },
  ],
};

export const COMPLEXITY_GROUP: CheckboxGroupDef = {
  name: 'Implementation Complexity',
  single: false,
  required: true,
  allBeforeApproval: false,
  description: 'What implementing the check takes; check every one that applies.',
  items: [
    { label: 'Simple regex/pattern match' },
    { label: 'AST analysis required' },
    { label: 'Runtime check needed' },
    { label: 'Cross-file analysis' },
    { label: 'External system integration' },
  ],
};

export const REVIEW_GROUP: CheckboxGroupDef = {
  name: 'Review Checklist',
  single: false,
  required: false,
  allBeforeApproval: true,
  description: 'What reviewers confirm; every item must be checked before approval.',
  items: [
    { label: 'Failure is documented with sufficient detail for someone unfamiliar to understand' },
    { label: 'Root cause identifies systemic issue, not just symptoms' },
    { label: 'Proposed invariant is specific and testable' },
    { label: 'Validation proves invariant would have caught this incident' },
    { label: 'False positive analysis is complete' },
    { label: 'At least one other team member has reviewed' },
  ],
};

export const CHECKBOX_GROUPS: readonly CheckboxGroupDef[] = [CATEGORY_GROUP, ENFORCEMENT_GROUP, COMPLEXITY_GROUP, REVIEW_GROUP];

// ---- tables ----------------------------------------------------------------------------------

export const TIMELINE_TABLE: TableDef = {
  name: 'timeline',
  columns: [{ name: 'Time', pad: true }, { name: 'Event' }],
  rows: [
    ['T+0', 'Initial symptom observed'],
    ['T+X', '...'],
    ['T+Y', 'Incident resolved'],
  ],
};

/** The approval table's row of the person who wrote the spec delta (who proposes, never approves). */
export const AUTHOR_ROLE = 'Author';

export const APPROVAL_TABLE: TableDef = {
  name: 'approval',
  columns: [{ name: 'Role' }, { name: 'Name' }, { name: 'Date' }, { name: 'Decision' }],
  rows: [
    [AUTHOR_ROLE, '', '', 'Proposed'],
    ['Tech Lead', '', '', ''],
    ['Platform Owner', '', '', ''],
  ],
};

/** Roles whose row must show a name, a date and an Approved decision before approval: every row but the Author's. */
export const APPROVER_ROLES: readonly string[] = APPROVAL_TABLE.rows.map((row) => row[0]!).filter((role) => role !== AUTHOR_ROLE);

// ---- title, ids and placeholders -------------------------------------------------------------

export const TITLE_PREFIX = 'Spec Delta:';
export const TITLE_ID_PLACEHOLDER = '[INVARIANT-XX]';
export const TITLE_TEXT_PLACEHOLDER = '[Brief Title]';
export const ID_PLACEHOLDER = 'INVARIANT-XX';
export const DEFAULT_ID_PREFIX = 'INVARIANT-';
export const RULE_STATEMENT_TEMPLATE = '[COMPONENT] MUST [REQUIREMENT] WHEN [CONDITION]';
export const OTHER_BLANK = '____________';

/**
 * Text the template leaves to be replaced, wherever it stands. Field values, table rows and
 * option lists are recognised from the definitions above; these are the free-standing ones.
 * `fieldsAndTables`: the template asks for it only in field values and table cells (a date
 * format named in prose is not a blank to fill).
 */
export const PLACEHOLDER_PATTERNS: readonly { readonly pattern: RegExp; readonly what: string; readonly fieldsAndTables?: true }[] = [
  { pattern: /\[INVARIANT-XX\]|\bINVARIANT-XX\b/g, what: 'the invariant id' },
  { pattern: /\[Brief Title\]/g, what: 'a brief title' },
  { pattern: /\[Name\]/g, what: 'a name' },
  { pattern: /\bYYYY-MM-DD\b/g, what: 'a date (YYYY-MM-DD)', fieldsAndTables: true },
  { pattern: /\bX hours\/days\b/g, what: 'a duration' },
  { pattern: /\$X\b/g, what: 'an amount' },
  { pattern: /\[COMPONENT\]/g, what: 'the component' },
  { pattern: /\[REQUIREMENT\]/g, what: 'the requirement' },
  { pattern: /\[CONDITION\]/g, what: 'the condition' },
  { pattern: /\[Describe[^\]]*\]/g, what: 'a description' },
];

/** Words that make a rule statement untestable. Configurable (`vagueWords`). */
export const DEFAULT_VAGUE_WORDS: readonly string[] = [
  'properly',
  'gracefully',
  'appropriately',
  'correctly',
  'quickly',
  'as needed',
  'user-friendly',
  'reasonable',
  'reasonably',
  'adequate',
  'adequately',
  'efficiently',
  'robust',
  'sufficient',
  'as appropriate',
  'if possible',
  'etc',
];

// ---- sections --------------------------------------------------------------------------------

function sub(name: string, groups: Block[][], description: string, postApproval = false): SectionDef {
  return { name, level: 3, groups, subsections: [], postApproval, description };
}

function guidance(text: string): Block {
  return { kind: 'guidance', text };
}

export const SECTIONS: readonly SectionDef[] = [
  {
    name: 'Failure Description',
    level: 2,
    groups: [],
    postApproval: false,
    description: 'What failed, when, and what it cost.',
    subsections: [
      sub(
        'What Happened',
        [[guidance('Describe the incident in concrete terms. What broke? When? What was the user-visible impact?')]],
        'The incident in concrete terms.',
      ),
      sub('Timeline', [[{ kind: 'table', table: TIMELINE_TABLE }]], 'What happened when, from the first symptom to resolution.'),
      sub('Impact', [[{ kind: 'fields', bullets: true, fields: IMPACT_FIELDS }]], 'Duration, users, revenue, data loss and reputation.'),
    ],
  },
  {
    name: 'Root Cause Analysis',
    level: 2,
    groups: [],
    postApproval: false,
    description: 'Why it failed.',
    subsections: [
      sub('Technical Root Cause', [[guidance('What was the actual technical failure? Be specific.')]], 'The actual technical failure.'),
      sub(
        'Contributing Factors',
        [[guidance('What made this worse or allowed it to happen?'), { kind: 'numbered', count: 3 }]],
        'What made it worse or allowed it to happen.',
      ),
      sub(
        "Why Existing Invariants Didn't Catch This",
        [[guidance("Which invariants should have caught this? Why didn't they? Or why was there no applicable invariant?")]],
        'Why no existing invariant caught the failure.',
      ),
    ],
  },
  {
    name: 'Proposed Invariant',
    level: 2,
    groups: [],
    postApproval: false,
    description: 'The new invariant.',
    subsections: [
      sub('Invariant ID', [[{ kind: 'invariantId' }]], 'The id of the new invariant; it must match the title.'),
      sub(
        'Rule Statement',
        [[guidance('Clear, testable statement of what must always be true'), { kind: 'ruleStatement' }]],
        '`COMPONENT MUST REQUIREMENT WHEN CONDITION`, testable and unambiguous.',
      ),
      sub(
        'Rationale',
        [[guidance('Why this invariant prevents the failure class, not just this specific incident')]],
        'Why the invariant prevents the whole failure class.',
      ),
      sub('Category', [[guidance('Which invariant category does this belong to?'), { kind: 'checkboxes', group: CATEGORY_GROUP }]], CATEGORY_GROUP.description),
      sub('Enforcement Level', [[{ kind: 'checkboxes', group: ENFORCEMENT_GROUP }]], ENFORCEMENT_GROUP.description),
    ],
  },
  {
    name: 'Validation',
    level: 2,
    groups: [],
    postApproval: false,
    description: 'Proof that the invariant would have caught the incident.',
    subsections: [
      sub(
        'Retrospective Test',
        [
          [guidance('Would this invariant have caught the original incident? Prove it.')],
          [{ kind: 'fields', bullets: false, fields: [SCENARIO] }],
          [{ kind: 'fields', bullets: false, fields: [CHECK_RESULT] }],
          [
            { kind: 'fields', bullets: false, fields: [WHY_BLOCKED] },
            guidance('Specific explanation of how the check would have prevented deployment/execution'),
          ],
        ],
        'Would the invariant have caught the original incident?',
      ),
      sub(
        'False Positive Analysis',
        [
          [guidance('Could this invariant block legitimate changes?')],
          [
            { kind: 'fields', bullets: false, fields: [POTENTIAL_FALSE_POSITIVES] },
            { kind: 'numbered', count: 2 },
          ],
          [{ kind: 'fields', bullets: false, fields: [MITIGATION] }, guidance('How to handle legitimate exceptions')],
        ],
        'Could the invariant block legitimate changes, and what then?',
      ),
      sub(
        'Implementation Complexity',
        [[{ kind: 'checkboxes', group: COMPLEXITY_GROUP }], [{ kind: 'fields', bullets: false, fields: [EFFORT] }]],
        COMPLEXITY_GROUP.description,
      ),
    ],
  },
  {
    name: 'Review Checklist',
    level: 2,
    groups: [[{ kind: 'checkboxes', group: REVIEW_GROUP }]],
    postApproval: false,
    description: REVIEW_GROUP.description,
    subsections: [],
  },
  {
    name: 'Approval',
    level: 2,
    groups: [[{ kind: 'table', table: APPROVAL_TABLE }]],
    postApproval: false,
    description: 'Who decided what, and when.',
    subsections: [],
  },
  {
    name: 'Post-Approval',
    level: 2,
    groups: [],
    postApproval: true,
    description: 'Filled in once the invariant is approved.',
    subsections: [
      sub('Implementation PR', [[guidance('Link to PR that implements this invariant')]], 'A link to the pull request that implements the invariant.', true),
      sub(
        'Verification',
        [[guidance('How was it verified that the invariant is now active and working?')]],
        'How the invariant was verified to be active.',
        true,
      ),
      sub('Monitoring', [[guidance("How will we track this invariant's effectiveness?")]], "How the invariant's effectiveness is tracked.", true),
    ],
  },
];

/** Every field the template defines, by name, wherever it stands. */
export const ALL_FIELDS: ReadonlyMap<string, FieldDef> = new Map(
  [...METADATA_FIELDS, ...collectFields(SECTIONS)].map((field) => [field.name.toLowerCase(), field]),
);

function collectFields(sections: readonly SectionDef[]): FieldDef[] {
  const out: FieldDef[] = [];
  for (const section of sections) {
    for (const group of section.groups) {
      for (const block of group) if (block.kind === 'fields') out.push(...block.fields);
    }
    out.push(...collectFields(section.subsections));
  }
  return out;
}

/** The definition of a section or subsection, by its path of names (case-insensitive). */
export function findSectionDef(h2: string, h3?: string): SectionDef | undefined {
  const section = SECTIONS_BY_NAME.get(normalizeName(h2));
  if (!section || h3 === undefined) return section;
  return SUBSECTIONS_BY_NAME.get(section)!.get(normalizeName(h3));
}

/** The first subsection of that name under any section of the template (a subsection under a misnamed H2). */
export function findSubsectionDef(h3: string): SectionDef | undefined {
  return ANY_SUBSECTION_BY_NAME.get(normalizeName(h3));
}

/** The checkbox group a section holds, if any. */
export function checkboxGroupOf(section: SectionDef): CheckboxGroupDef | undefined {
  for (const group of section.groups) {
    for (const block of group) if (block.kind === 'checkboxes') return block.group;
  }
  return undefined;
}

/** Heading names compare case-insensitively, with curly and straight apostrophes alike. */
export function sameName(a: string, b: string): boolean {
  return normalizeName(a) === normalizeName(b);
}

function normalizeName(name: string): string {
  const cached = normalized.get(name);
  if (cached !== undefined) return cached;
  const result = name
    .trim()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .toLowerCase();
  // Heading names repeat across documents: remember them (bounded, so odd input cannot grow it).
  if (normalized.size < 10_000) normalized.set(name, result);
  return result;
}

const normalized = new Map<string, string>();

// Every heading of every document is looked up here: maps, not scans of the template. Reversed,
// so that of two of the same name the first in the template is the one kept.
const SECTIONS_BY_NAME: ReadonlyMap<string, SectionDef> = new Map(SECTIONS.toReversed().map((s) => [normalizeName(s.name), s]));
const SUBSECTIONS_BY_NAME: ReadonlyMap<SectionDef, ReadonlyMap<string, SectionDef>> = new Map(
  SECTIONS.map((section) => [section, new Map(section.subsections.toReversed().map((s) => [normalizeName(s.name), s]))]),
);
const ANY_SUBSECTION_BY_NAME: ReadonlyMap<string, SectionDef> = new Map(
  SECTIONS.flatMap((section) => section.subsections)
    .toReversed()
    .map((s) => [normalizeName(s.name), s]),
);
