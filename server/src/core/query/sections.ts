import type { Link, Place, Section, SpecDeltaDocument } from '../model';
import { SectionDef, TableDef, findSectionDef, findSubsectionDef } from '../template';

/**
 * The one way to find a section. A name is resolved to the template's definition once
 * (`findSectionDef`, case-insensitive, apostrophes alike) and everything else compares
 * definitions, so that no module compares heading text of its own.
 */

/** The template's section or subsection by its path of names; throws on a name the template lacks (a typo in the code, not in a document). */
export function sectionDef(h2: string, h3?: string): SectionDef {
  const def = findSectionDef(h2, h3);
  if (!def) throw new Error(`The template has no section '${h3 === undefined ? h2 : `${h2} > ${h3}`}'`);
  return def;
}

// The sections the code looks for by name, resolved once (a renamed section fails at load, not silently).
export const APPROVAL_SECTION = sectionDef('Approval');
export const RULE_STATEMENT_SECTION = sectionDef('Proposed Invariant', 'Rule Statement');
export const INVARIANT_ID_SECTION = sectionDef('Proposed Invariant', 'Invariant ID');
export const IMPLEMENTATION_PR_SECTION = sectionDef('Post-Approval', 'Implementation PR');

/** The document's first H2 (or H3, for a subsection's definition) of that definition. */
export function findSection(doc: Pick<SpecDeltaDocument, 'sections'>, def: SectionDef): Section | undefined {
  for (const s of doc.sections) {
    if (s.definition === def) return s;
    const found = s.subsections.find((x) => x.definition === def);
    if (found) return found;
  }
  return undefined;
}

/**
 * The definitions of where something stands, innermost first: its H3's (a template subsection
 * under a misnamed H2 still counts: SD001 reports the H2, its content is read as the subsection's)
 * and its H2's.
 */
function placeDefs(place: Place): readonly SectionDef[] {
  return resolved(place).defs;
}

/** The template's definition of the innermost heading over a place, if the template has one. */
export function placeDef(place: Place): SectionDef | undefined {
  return resolved(place).innermost;
}

interface ResolvedPlace {
  readonly defs: readonly SectionDef[];
  readonly innermost: SectionDef | undefined;
}

const NOWHERE: ResolvedPlace = { defs: [], innermost: undefined };

/**
 * Places resolved by their heading names, H2 then H3: the rules ask where every field, link,
 * table and list stands, and the same few names come back in every document. Bounded, so that
 * odd input cannot grow it.
 */
const resolvedPlaces = new Map<string, Map<string | undefined, ResolvedPlace>>();
const RESOLVED_NAMES = 1000;

function resolved(place: Place): ResolvedPlace {
  if (place.section === undefined) return NOWHERE;
  let bySubsection = resolvedPlaces.get(place.section);
  if (!bySubsection) {
    if (resolvedPlaces.size >= RESOLVED_NAMES) resolvedPlaces.clear();
    resolvedPlaces.set(place.section, (bySubsection = new Map()));
  }
  let result = bySubsection.get(place.subsection);
  if (!result) {
    if (bySubsection.size >= RESOLVED_NAMES) bySubsection.clear();
    bySubsection.set(place.subsection, (result = resolve(place.section, place.subsection)));
  }
  return result;
}

function resolve(section: string, subsection: string | undefined): ResolvedPlace {
  const outer = findSectionDef(section);
  if (subsection === undefined) return { defs: outer ? [outer] : [], innermost: outer };
  const inner = findSectionDef(section, subsection) ?? findSubsectionDef(subsection);
  return { defs: [inner, outer].filter((d): d is SectionDef => d !== undefined), innermost: inner };
}

/** Whether a place stands in that section (or one of its subsections). */
export function isIn(place: Place, def: SectionDef): boolean {
  return placeDefs(place).includes(def);
}

/** Whether a place stands where the template puts that table. */
export function holdsTable(place: Place, def: TableDef): boolean {
  return placeDefs(place).some((s) => s.groups.some((group) => group.some((block) => block.kind === 'table' && block.table === def)));
}

/** The links under Implementation PR: the pull request that implements the invariant. */
export function implementationPrLinks(doc: SpecDeltaDocument): Link[] {
  return doc.links.filter((l) => isIn(l, IMPLEMENTATION_PR_SECTION));
}
