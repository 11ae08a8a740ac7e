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
    // Both settable for tests: a small limit puts small documents on the thread, a short patience ends the waits that must run out.
    offThread: (log) =>
      new AnalysisThread(log, startNodeWorker(), numberFromEnv('SPEC_DELTA_OFF_THREAD_LENGTH'), numberFromEnv('SPEC_DELTA_MODEL_PATIENCE_MS')),
  };
}

function numberFromEnv(name: string): number | undefined {
  const value = process.env[name];
  return value ? Number(value) : undefined;
}
