import type { CatalogFormat } from './catalogFormats';

/** The catalogue as JSON (schemas/catalog.schema.json); `--output` replaces the whole file. */
export const json: CatalogFormat = {
  write: (catalog) => JSON.stringify(catalog, null, 2) + '\n',
  intoFile: (_existing, text) => text,
};
