/** Pure helpers of New Spec Delta (the title's checks, the file name's slug), shared by the client and the MCP server. */

export function validateTitle(value: string): string | undefined {
  const title = value.trim();
  if (title === '') return 'Write a brief title.';
  if (title.length > 120) return 'Keep the title under 120 characters.';
  if (/[\r\n]/.test(value)) return 'The title is one line.';
  if (!/[\p{L}\p{N}]/u.test(title)) return 'The title needs at least one letter or digit.';
  return undefined;
}

/** `Checkout totals: EUR vs USD!` -> `checkout-totals-eur-vs-usd` */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, 60).replace(/-+$/, '') || 'spec-delta';
}

/** How many ids after the first free one are tried before giving up. */
export const MAX_ATTEMPTS = 100;

/** The ids New Spec Delta tries in turn: the free one, then the next numbers (`INVARIANT-009`, `INVARIANT-010`, ...). */
export function* candidateIds(id: string): Generator<string> {
  const numbered = /^(.*?)(\d+)$/.exec(id);
  for (let attempt = 0; attempt < (numbered ? MAX_ATTEMPTS : 1); attempt++) {
    yield attempt === 0 || !numbered ? id : `${numbered[1]}${String(Number(numbered[2]) + attempt).padStart(numbered[2]!.length, '0')}`;
  }
}
