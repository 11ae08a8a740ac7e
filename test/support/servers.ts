import { after } from 'node:test';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { FULL_CAPABILITIES, LspClient } from './lspClient';
import { TempWorkspace } from './tempFolders';

/** The real server, started over stdio on temporary workspaces, for the protocol tests. */

/** The real server started on a temporary workspace of `files`, once it has indexed them. */
export async function startServer(files: Record<string, string>): Promise<{ workspace: TempWorkspace; client: LspClient }> {
  const workspace = new TempWorkspace(files);
  return { workspace, client: await new LspClient().start([workspace.folder]) };
}

export async function stopServer(workspace: TempWorkspace | undefined, client: LspClient | undefined): Promise<void> {
  await client?.stop();
  workspace?.dispose();
}

/** Several servers that one test file starts on one workspace; `dispose` stops them all and removes the workspace. */
class Servers {
  readonly workspace: TempWorkspace;
  /** Every server started, in order. */
  readonly clients: LspClient[] = [];

  constructor(files: Readonly<Record<string, string>>) {
    this.workspace = new TempWorkspace(files);
  }

  /** A server initialized as an editor with these capabilities, once it has indexed the workspace. */
  async started(capabilities: ClientCapabilities = FULL_CAPABILITIES, initializationOptions: unknown = { notifications: true }): Promise<LspClient> {
    const client = new LspClient();
    this.clients.push(client);
    await client.initialize([this.workspace.folder], capabilities, initializationOptions);
    await client.waitForLog(/Indexed \d+ Markdown files/);
    return client;
  }

  async dispose(): Promise<void> {
    for (const client of this.clients) await client.stop();
    this.workspace.dispose();
  }
}

/** Servers on one workspace of `files` for the calling test file, all stopped and the workspace removed after its last test. */
export function serversOfThisFile(files: Readonly<Record<string, string>>): Servers {
  const servers = new Servers(files);
  after(() => servers.dispose());
  return servers;
}
