import { ConfigLoader } from '../node/configLoader';
import { AnalysisThread } from './analysisThread';
import { startNodeWorker } from './nodeAnalysisWorker';
import type { ServerEdges } from './serverEdges';
import { WorkspaceIndexer } from './workspaceIndexer';

/** The Node server's edges: `.spec-delta.json` files, the workspace read from disk, and the analysis thread. */
export function nodeEdges(cwd: string): ServerEdges {
  return {
    configs: new ConfigLoader(cwd),
    workspace: (analysis, log) => new WorkspaceIndexer(analysis, log),
    offThread: (log) =>
      new AnalysisThread(log, startNodeWorker(), process.env.SPEC_DELTA_OFF_THREAD_LENGTH ? Number(process.env.SPEC_DELTA_OFF_THREAD_LENGTH) : undefined),
  };
}
