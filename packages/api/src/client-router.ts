import type { AnyTRPCProcedure, TRPCBuiltRouter } from '@trpc/server';
import { appRouter } from './root';

/**
 * The procedures as clients see them. Written as a call so that TypeScript's declaration output spells
 * every procedure's input and output out in full, instead of naming `typeof appRouter`, whose type carries
 * the server's context (a database handle, the token service) and would pull Drizzle, Fastify and the rest
 * of the server into the type-check of every project that installs the client.
 */
function clientView<Record>(record: Record): {
  [Key in keyof Record]: Record[Key] extends AnyTRPCProcedure
    ? Record[Key]
    : { [Inner in keyof Record[Key]]: Record[Key][Inner] };
} {
  return record as never;
}
const procedures = clientView(appRouter._def.record);

/** The root types as clients see them: the error shape and meta, a context they never see. */
function clientRoot<Root extends { meta: unknown; errorShape: unknown }>(
  root: Root,
): { ctx: object; meta: Root['meta']; errorShape: Root['errorShape']; transformer: false } {
  return root as never;
}
const root = clientRoot(appRouter._def._config.$types);

/** The router's type for clients: every procedure's input and output, and the error shape. */
export type AppRouter = TRPCBuiltRouter<typeof root, typeof procedures>;
