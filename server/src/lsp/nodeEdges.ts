import { ConfigLoader } from '../node/configLoader';
import type { ServerEdges } from './serverEdges';
import { WorkspaceIndexer } from './workspaceIndexer';

/** The Node server's edges: `.spec-delta.json` files and the workspace read from disk. */
export function nodeEdges(cwd: string): ServerEdges {
  return { configs: new ConfigLoader(cwd), workspace: (analysis, log) => new WorkspaceIndexer(analysis, log) };
}
