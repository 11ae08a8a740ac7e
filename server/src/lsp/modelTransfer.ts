import {
  APPROVAL_TABLE,
  holdsTable,
  CHECKBOX_GROUPS,
  METADATA_FIELDS,
  SECTIONS,
  type CheckboxGroup,
  type Field,
  type Section,
  type SectionDef,
  type SpecDeltaDocument,
} from '../core';

/**
 * The model of a document parsed on the analysis thread, as it crosses to the main thread so
 * that requests on that document answer from it instead of parsing the text again there.
 *
 * Only what requests read crosses: copying a 1 MB document's whole model costs the receiving
 * thread 25 to 100 ms (its lines and its timeline's thousands of rows), about a parse. So the
 * lines stay behind (the main thread holds the text it sent) and only the Approval tables come,
 * the only ones a request reads (completions in the Decision and Date columns). Template
 * definitions are compared by identity, so they cross as their place in one list that both
 * threads build alike.
 */
export interface TransferModel extends Omit<SpecDeltaDocument, 'lines' | 'fields' | 'sections' | 'checkboxGroups'> {
  readonly fields: readonly Referring<Field>[];
  readonly sections: readonly TransferSection[];
  readonly checkboxGroups: readonly Referring<CheckboxGroup>[];
}

type Referring<T extends { definition: unknown }> = Omit<T, 'definition'> & { readonly definition: number | undefined };

interface TransferSection extends Omit<Referring<Section>, 'subsections'> {
  readonly subsections: readonly TransferSection[];
}

/** Every template definition a model can point at. */
const DEFINITIONS: readonly object[] = [...new Set<object>([...METADATA_FIELDS, ...CHECKBOX_GROUPS, ...definitionsIn(SECTIONS)])];
const PLACES = new Map(DEFINITIONS.map((d, i) => [d, i]));

function* definitionsIn(sections: readonly SectionDef[]): Generator<object> {
  for (const section of sections) {
    yield section;
    for (const block of section.groups.flat()) {
      if (block.kind === 'fields') yield* block.fields;
      else if (block.kind === 'checkboxes') yield block.group;
    }
    yield* definitionsIn(section.subsections);
  }
}

function place(definition: object | undefined): number | undefined {
  if (!definition) return undefined;
  const found = PLACES.get(definition);
  if (found === undefined) throw new Error('A model points at a template definition that is not in the transfer list.');
  return found;
}

function definitionAt<T>(index: number | undefined): T | undefined {
  return index === undefined ? undefined : (DEFINITIONS[index] as T);
}

export function toTransfer(doc: SpecDeltaDocument): TransferModel {
  const { lines: _lines, ...rest } = doc;
  const section = (s: Section): TransferSection => ({ ...s, definition: place(s.definition), subsections: s.subsections.map(section) });
  return {
    ...rest,
    // Requests read only the approval table (Decision and Date completions), found as they find it.
    tables: doc.tables.filter((t) => holdsTable(t, APPROVAL_TABLE)),
    fields: doc.fields.map((f) => ({ ...f, definition: place(f.definition) })),
    sections: doc.sections.map(section),
    checkboxGroups: doc.checkboxGroups.map((g) => ({ ...g, definition: place(g.definition) })),
  };
}

/** The model again, its definitions the main thread's own objects, with the lines of the text it was parsed from. */
export function fromTransfer(model: TransferModel, lines: readonly string[]): SpecDeltaDocument {
  const section = (s: TransferSection): Section => ({ ...s, definition: definitionAt(s.definition), subsections: s.subsections.map(section) });
  return {
    ...model,
    lines,
    fields: model.fields.map((f) => ({ ...f, definition: definitionAt(f.definition) })),
    sections: model.sections.map(section),
    checkboxGroups: model.checkboxGroups.map((g) => ({ ...g, definition: definitionAt(g.definition) })),
  };
}
