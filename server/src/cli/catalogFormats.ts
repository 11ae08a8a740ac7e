import type { Catalog } from '$shared/protocol';
import { json } from './catalogJson';
import { markdown } from './catalogMarkdown';

/** One `--format` of `spec-delta catalog`; the table of them is below. */
export interface CatalogFormat {
  /** Shown after the name in `--help`, e.g. `(the index table)`. */
  readonly note?: string;
  /** The text; `linkTo` turns an entry's file into a link that works where the text is written. */
  readonly write: (catalog: Catalog, linkTo: (file: string) => string) => string;
  /**
   * What `--output` writes, given the file's text now (undefined: no such file) and its name as
   * the user gave it; `refused` (what is wrong and what to do) when writing would lose their text.
   */
  readonly intoFile: (existing: string | undefined, text: string, shown: string) => string | { readonly refused: string };
}

/**
 * The formats of `spec-delta catalog --format`, by name; the first is the default. `--help` and the
 * unknown-format message list them from here, so a new format is its file and one line here.
 */
export const CATALOG_FORMATS: Readonly<Record<string, CatalogFormat>> = { json, markdown };

export const DEFAULT_CATALOG_FORMAT = Object.keys(CATALOG_FORMATS)[0]!;
