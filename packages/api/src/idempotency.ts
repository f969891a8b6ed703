import { type Database, runIdempotently } from '@finsight/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The `Idempotency-Key` header of a request, if it sent one (the first, if it sent several). */
export function idempotencyKeyOf(headers: Record<string, string | string[] | undefined>): string | null {
  const value = headers['idempotency-key'];
  const key = Array.isArray(value) ? value[0] : value;
  return key === undefined ? null : key;
}

/**
 * A tRPC create run at most once per `Idempotency-Key` (the header is optional: without it the create runs as
 * always). The scope is the procedure's path, so a key cannot be replayed into another procedure.
 */
export async function createOnce<Result>(
  ctx: { db: Database; userId: number; idempotencyKey: string | null },
  scope: string,
  input: unknown,
  create: (db: Database) => Promise<Result>,
): Promise<Result> {
  if (ctx.idempotencyKey === null) return create(ctx.db);
  const { result } = await runIdempotently(
    ctx.db,
    ctx.userId,
    { key: ctx.idempotencyKey, scope, input },
    create,
  );
  return result;
}

/**
 * The REST side of `createOnce`: a replay answers the stored result with the same status, and says so in an
 * `Idempotent-Replayed: true` header.
 */
export async function restCreateOnce<Result>(
  db: Database,
  request: FastifyRequest & { userId: number },
  reply: FastifyReply,
  create: (db: Database) => Promise<Result>,
): Promise<Result> {
  const key = idempotencyKeyOf(request.headers);
  if (key === null) return create(db);
  const scope = `POST ${request.routeOptions.url ?? request.url}`;
  const { result, replayed } = await runIdempotently(
    db,
    request.userId,
    { key, scope, input: request.body },
    create,
  );
  if (replayed) reply.header('idempotent-replayed', 'true');
  return result;
}
