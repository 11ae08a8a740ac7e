import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { DocumentStatus, DocumentStatusChangedNotification, InitializationOptions, WorkspaceChangedNotification } from '$shared/protocol';
import { DashboardPanel } from './dashboardPanel';
import { registerInsertMissingSections } from './insertMissingSections';
import { NewSpecDeltaHost, registerNewSpecDelta } from './newSpecDelta';
import { registerRuleLinks } from './ruleLinks';
import { StatusBar } from './statusBar';
import { StatusView } from './statusView';
import { WorkspaceTree } from './workspaceTree';

/** What the desktop and the web entries supply: the client on their transport, New Spec Delta's edges. */
export interface ClientHost {
  createClient(options: LanguageClientOptions): BaseLanguageClient;
  newSpecDelta: NewSpecDeltaHost;
  /** The documents the server serves, by scheme: the web adds its virtual file systems. */
  schemes: readonly string[];
}

/** Wires the language client, the commands and the views, the same on desktop and the web; each lives in its own file. */
export async function activateSpecDelta(context: vscode.ExtensionContext, host: ClientHost): Promise<BaseLanguageClient> {
  const output = vscode.window.createOutputChannel('Spec Delta', { log: true });
  const ruleLinks = registerRuleLinks(context);
  context.subscriptions.push(ruleLinks.disposable);
  const clientOptions: LanguageClientOptions = {
    documentSelector: host.schemes.map((scheme) => ({ scheme, language: 'markdown' })),
    outputChannel: output,
    traceOutputChannel: output,
    markdown: { isTrusted: false, supportHtml: false },
    // The Status panel, the status bar and the Workspace tree follow these notifications.
    initializationOptions: { notifications: true } satisfies InitializationOptions,
    middleware: ruleLinks.middleware,
  };
  const client = host.createClient(clientOptions);
  const statusView = new StatusView(client);
  const tree = new WorkspaceTree(client);
  const statusBar = new StatusBar(client);
  const statusChanged = new vscode.EventEmitter<DocumentStatus>();
  const dashboard = new DashboardPanel(client, context.extensionUri);
  const workspaceChanged = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    output,
    statusChanged,
    vscode.window.registerWebviewViewProvider(StatusView.viewType, statusView),
    vscode.window.registerTreeDataProvider(WorkspaceTree.viewId, tree),
    registerNewSpecDelta(client, host.newSpecDelta),
    registerInsertMissingSections(client),
    vscode.commands.registerCommand('specDelta.showStatus', () => vscode.commands.executeCommand('specDelta.status.focus')),
    vscode.commands.registerCommand('specDelta.workspace.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('specDelta.workspace.sortBySeverity', () => tree.setSort('severity')),
    vscode.commands.registerCommand('specDelta.workspace.sortById', () => tree.setSort('id')),
    vscode.commands.registerCommand('specDelta.workspace.groupBy', () => tree.pickGroupBy()),
    vscode.commands.registerCommand('specDelta.showDashboard', () => dashboard.show()),
    workspaceChanged,
    dashboard,
    statusBar,
    statusView,
    tree,
  );
  await client.start();
  // The client keeps one handler per notification (a second registration replaces the first):
  // the panel and the status bar share this one.
  context.subscriptions.push(client.onNotification(DocumentStatusChangedNotification, (status) => statusChanged.fire(status)));
  context.subscriptions.push(client.onNotification(WorkspaceChangedNotification, () => workspaceChanged.fire()));
  statusView.attach(statusChanged.event);
  tree.attach(workspaceChanged.event);
  dashboard.attach(workspaceChanged.event);
  statusBar.attach(statusChanged.event);
  return client;
}
