import * as fs from 'node:fs';
import * as path from 'node:path';
import { ALL_RULES, RULE_KEYS } from '../core';

/**
 * The rules' documentation pages (docs/rules/<CODE>.md), which ship in the npm package beside
 * dist/: read from there rather than bundled, so that there is one copy, the one on GitHub.
 */
function ruleDocsFolder(): string {
  // dist/mcp.js in the clone and in the installed package alike.
  return path.resolve(__dirname, '..', 'docs', 'rules');
}

export interface RulePage {
  readonly code: string;
  readonly name: string;
  readonly text: string;
}

/** Every rule code, in the registry's order. */
export function ruleCodes(): string[] {
  return ALL_RULES.map((r) => r.code);
}

/** The page of a rule named by its code (`SD001`, any case) or its name (`missing-section`); undefined for an unknown one. */
export function rulePage(key: string): RulePage | undefined {
  const code = RULE_KEYS.get(key) ?? RULE_KEYS.get(key.toUpperCase());
  const rule = ALL_RULES.find((r) => r.code === code);
  if (!rule) return undefined;
  return { code: rule.code, name: rule.name, text: fs.readFileSync(path.join(ruleDocsFolder(), `${rule.code}.md`), 'utf8') };
}
