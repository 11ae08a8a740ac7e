/**
 * The path of `target` relative to the folder of `from`, decoded and with `/` separators, as a
 * person would write it (`../other/INVARIANT 042.md`, never `INVARIANT%20042.md`). Both are
 * `file:` (or other hierarchical) uris; a target with another scheme or authority is shown whole.
 */
export function relativeUriPath(from: string, target: string): string {
  const a = splitUri(from);
  const b = splitUri(target);
  if (!a || !b || a.base !== b.base) return decode(target);
  const fromDir = a.segments.slice(0, -1);
  let common = 0;
  while (common < fromDir.length && common < b.segments.length - 1 && fromDir[common] === b.segments[common]) common++;
  const up = fromDir.slice(common).map(() => '..');
  return [...up, ...b.segments.slice(common)].map(decode).join('/');
}

function splitUri(uri: string): { base: string; segments: string[] } | undefined {
  const m = /^([a-z][a-z0-9+.-]*:\/\/[^/]*)(\/[^?#]*)/i.exec(uri);
  return m ? { base: m[1]!.toLowerCase(), segments: m[2]!.split('/').slice(1) } : undefined;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
