import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type CallToolResult,
} from '@modelcontextprotocol/sdk/types.js';
import { ConfigError, renderTemplate } from '../core';
import { PathError } from '../node/files';
import { LintIoError } from '../cli/lint';
import { ArgumentError } from './arguments';
import { OutsideRootError, Root } from './rootPaths';
import { ruleCodes, rulePage } from './ruleDocs';
import { TOOLS, ToolRefusal } from './tools';

declare const SPEC_DELTA_VERSION: string;

/**
 * The SDK's server validates only the answers to elicitation requests, which this server never
 * sends; this refusing validator takes the place of its default (ajv, 130 KB of the bundle, which
 * esbuild.mjs leaves out of dist/mcp.js).
 */
const NO_ELICITATION = {
  getValidator: () => () => ({ valid: false as const, data: undefined, errorMessage: 'spec-delta mcp asks the client for nothing' }),
};

const TEMPLATE_URI = 'spec-delta://template';
const RULE_URI = 'spec-delta://rules/';

/**
 * The MCP server on the official SDK: the tools of tools.ts, and the template and the rule pages
 * as resources. Every call runs on the same core and CLI functions as `spec-delta lint`.
 */
export function createServer(root: Root): Server {
  const server = new Server(
    { name: 'spec-delta', version: typeof SPEC_DELTA_VERSION === 'string' ? SPEC_DELTA_VERSION : '0.0.0' },
    {
      capabilities: { tools: {}, resources: {} },
      jsonSchemaValidator: NO_ELICITATION,
      instructions:
        `Spec Delta checks spec deltas: Markdown post-incident documents that turn a failure into an engineering invariant. ` +
        `Files are under the root ${root.path}; paths are relative to it. To write one: new_spec_delta, fill in the sections, lint, fix, lint again until no errors are left; explain_rule says how to satisfy a finding.`,
    },
  );
  server.setRequestHandler(ListToolsRequestSchema, () => ({
    tools: TOOLS.map((t) => ({ name: t.name, title: t.title, description: t.description, inputSchema: t.inputSchema, outputSchema: t.outputSchema })),
  }));
  server.setRequestHandler(CallToolRequestSchema, async (request): Promise<CallToolResult> => {
    const tool = TOOLS.find((t) => t.name === request.params.name);
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `unknown tool '${request.params.name}': the tools are ${TOOLS.map((t) => t.name).join(', ')}`);
    try {
      const result = await tool.run(request.params.arguments ?? {}, root);
      return { content: [{ type: 'text', text: result.summary }], structuredContent: result.structured };
    } catch (error) {
      if (error instanceof ArgumentError) throw new McpError(ErrorCode.InvalidParams, `${tool.name}: ${error.message}`);
      const known =
        error instanceof OutsideRootError ||
        error instanceof ToolRefusal ||
        error instanceof PathError ||
        error instanceof LintIoError ||
        error instanceof ConfigError;
      const message = known ? (error as Error).message : `internal error: ${(error as Error).stack ?? String(error)}`;
      return { isError: true, content: [{ type: 'text', text: `${tool.name} refused: ${message}` }] };
    }
  });
  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: [
      {
        uri: TEMPLATE_URI,
        name: 'template',
        title: 'The spec delta template',
        description: 'The Markdown template every spec delta follows.',
        mimeType: 'text/markdown',
      },
      ...ruleCodes().map((code) => ({
        uri: `${RULE_URI}${code}`,
        name: code,
        title: `Rule ${code}`,
        description: `The documentation page of rule ${code}.`,
        mimeType: 'text/markdown',
      })),
    ],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, (request) => {
    const uri = request.params.uri;
    const text =
      uri === TEMPLATE_URI
        ? renderTemplate()
        : uri.startsWith(RULE_URI) && /^SD\d+$/.test(uri.slice(RULE_URI.length))
          ? rulePage(uri.slice(RULE_URI.length))?.text
          : undefined;
    if (text === undefined) throw new McpError(ErrorCode.InvalidParams, `unknown resource '${uri}': list the resources for the template and the rule pages`);
    return { contents: [{ uri, mimeType: 'text/markdown', text }] };
  });
  return server;
}
