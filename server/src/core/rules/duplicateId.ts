import type { Rule } from '../rule';
import { relativeUriPath } from '../uriPath';
import { definedId } from '../query/ids';

export const duplicateId: Rule = {
  code: 'SD012',
  name: 'duplicate-id',
  description: 'No two spec deltas in the workspace define the same invariant id.',
  ruleClass: 'structure',
  crossDocument: true,
  check({ doc, settings, workspace, report }) {
    const own = definedId(doc, settings.idPattern);
    if (!own || !workspace) return;
    const others = workspace.definitions(own.text).filter((d) => d.uri !== doc.uri);
    if (others.length === 0) return;
    const names = others.map((o) => workspace.pathOf?.(o.uri) ?? relativeUriPath(doc.uri, o.uri)).join(', ');
    report({
      range: own.range,
      message: `${own.text} is also defined in ${names}: give this spec delta the next free id.`,
      related: others.map((o) => ({ uri: o.uri, range: o.range, message: `${own.text} is defined here too` })),
    });
  },
};
