import { type StructuredToolInterface, tool } from '@langchain/core/tools';
import type { Database } from '../db/client';
import { parseInput } from '../validation/parse-input';
import { finsightTools } from './registry';

/**
 * The finsight tool registry as LangChain tools, bound to one user: hand them to an agent and the model can
 * only ever read that user's data. Each tool returns compact JSON text.
 */
export function finsightLangChainTools(db: Database, userId: number): StructuredToolInterface[] {
  return finsightTools.map((definition) =>
    tool(
      async (input: unknown) => {
        const args = parseInput(definition.input, input);
        return JSON.stringify(
          await (definition.run as (d: Database, u: number, a: unknown) => Promise<unknown>)(
            db,
            userId,
            args,
          ),
        );
      },
      { name: definition.name, description: definition.description, schema: definition.input },
    ),
  );
}
