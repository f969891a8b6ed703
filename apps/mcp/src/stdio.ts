#!/usr/bin/env node
import { createFinsightClient } from '@finsight/client';
import { createFinsightMcpServer } from '@finsight/core/mcp';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { z } from 'zod';

/**
 * finsight as a local MCP server over stdio, for desktop MCP clients. It talks to a running finsight server
 * as the user whose personal API token (best: a read-only one, made in Settings › Security), or email and
 * password, it is given:
 *
 *   FINSIGHT_URL=http://127.0.0.1:3000 FINSIGHT_API_TOKEN=fs_... pnpm --filter @finsight/mcp start
 *
 * stdout carries the protocol; messages for people go to stderr.
 */
const env = z
  .object({
    FINSIGHT_URL: z.url().default('http://127.0.0.1:3000'),
    FINSIGHT_API_TOKEN: z
      .string()
      .startsWith('fs_', { error: 'must be a personal API token (fs_…)' })
      .optional(),
    FINSIGHT_ACCESS_TOKEN: z.string().min(1).optional(),
    FINSIGHT_REFRESH_TOKEN: z.string().min(1).optional(),
    FINSIGHT_EMAIL: z.string().min(1).optional(),
    FINSIGHT_PASSWORD: z.string().min(1).optional(),
  })
  .refine(
    (e) => e.FINSIGHT_API_TOKEN || e.FINSIGHT_ACCESS_TOKEN || (e.FINSIGHT_EMAIL && e.FINSIGHT_PASSWORD),
    {
      message: 'set FINSIGHT_API_TOKEN (or FINSIGHT_ACCESS_TOKEN, or FINSIGHT_EMAIL and FINSIGHT_PASSWORD)',
    },
  )
  .safeParse(process.env);

if (!env.success) {
  console.error(
    `finsight MCP: ${env.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`).join('; ')}`,
  );
  process.exit(1);
}

const settings = env.data;
const finsight = createFinsightClient({
  url: settings.FINSIGHT_URL,
  apiToken: settings.FINSIGHT_API_TOKEN,
  tokens: settings.FINSIGHT_ACCESS_TOKEN
    ? { access: settings.FINSIGHT_ACCESS_TOKEN, refresh: settings.FINSIGHT_REFRESH_TOKEN ?? '' }
    : null,
});
if (!settings.FINSIGHT_API_TOKEN && settings.FINSIGHT_EMAIL && settings.FINSIGHT_PASSWORD) {
  try {
    await finsight.login(settings.FINSIGHT_EMAIL, settings.FINSIGHT_PASSWORD);
  } catch (error) {
    console.error(`finsight MCP: could not log in to ${settings.FINSIGHT_URL}: ${(error as Error).message}`);
    process.exit(1);
  }
}

const server = createFinsightMcpServer((name, args) =>
  finsight.api.tools.run.mutate({ name, arguments: args }),
);
await server.connect(new StdioServerTransport());
console.error(`finsight MCP server ready (stdio), reading ${settings.FINSIGHT_URL}`);
