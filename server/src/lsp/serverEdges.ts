import type { InitializationOptions } from '$shared/protocol';
import type { AnalysisCache, ConfigSource, OffThreadAnalysis } from './analysis';
import type { WorkspaceSource } from './workspaceSource';

/**
 * What differs between the Node server and the web worker server; everything else, the one
 * SpecDeltaServer, is shared. Injected so that the server imports no file system itself.
 */
export interface ServerEdges {
  configs: ConfigSource;
  workspace(analysis: AnalysisCache, log: (message: string) => void): WorkspaceSource;
  /** Where large documents are analysed (a worker thread in Node, a nested worker in the browser); without one everything is analysed inline. */
  offThread?(log: (message: string) => void): OffThreadAnalysis;
  /** The client's initialization options, before any document opens (the web worker server learns where its analysis worker is). */
  initialize?(options: InitializationOptions | undefined): void;
}
