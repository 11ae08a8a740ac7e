import * as fs from 'node:fs';
import * as path from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Root } from './rootPaths';
import { createServer } from './server';

/**
 * `spec-delta mcp [--root <folder>]`: the MCP server over stdio. Bundled apart from the CLI
 * (dist/mcp.js, loaded only for this command) so that `spec-delta lint` does not load the SDK.
 */

const HELP = `Usage: spec-delta mcp [--root <folder>]

Runs a Model Context Protocol server over stdio for AI assistants: tools lint, fix,
new_spec_delta, catalog and explain_rule; the template and the rule pages as resources.
Paths are confined to the root: the folder it starts in, or --root.
`;

/** Starts the server and returns 0, or returns 2 on a usage error; the server runs until stdin closes. */
export function runMcp(argv: readonly string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  let root = cwd;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return (out(HELP), 0);
    if (arg === '--root' || arg.startsWith('--root=')) {
      const value = arg === '--root' ? argv[++i] : arg.slice('--root='.length);
      if (!value) return (err('spec-delta: --root needs a folder\n'), 2);
      root = path.resolve(cwd, value);
    } else return (err(`spec-delta: unknown option '${arg}' for mcp: see spec-delta mcp --help\n`), 2);
  }
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(root);
  } catch {
    stat = undefined;
  }
  if (!stat?.isDirectory()) return (err(`spec-delta: the root '${root}' is not a folder\n`), 2);
  // stdout carries the protocol: nothing else may be written there.
  void createServer(new Root(root)).connect(new StdioServerTransport());
  return 0;
}
