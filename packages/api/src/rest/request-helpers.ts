import { parseInput } from '@finsight/core';
import { MAX_ID } from '@finsight/core/schemas';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { READ_ONLY_FIELDS } from './schemas';

/** Parses a body with the shared schema after dropping the read-only fields a client may echo back. */
export function parseBody<Schema extends z.ZodType>(schema: Schema, body: unknown): z.output<Schema> {
  const writable =
    body !== null && typeof body === 'object' && !Array.isArray(body)
      ? Object.fromEntries(Object.entries(body).filter(([key]) => !READ_ONLY_FIELDS.includes(key)))
      : body;
  // No body at all is an empty object; an explicit JSON null is not an object and is refused.
  return parseInput(schema, writable === undefined ? {} : writable);
}

export function parseQuery<Schema extends z.ZodType>(schema: Schema, query: unknown): z.output<Schema> {
  return parseInput(schema, query ?? {});
}

/** A path id that is not a valid integer id is simply not found, like an unknown one. */
export function pathId(
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
): number | undefined {
  const raw = request.params.id;
  const value = /^\d{1,10}$/.test(raw) ? Number(raw) : Number.NaN;
  if (value >= 1 && value <= MAX_ID) return value;
  void reply.status(404).send({ detail: 'Not found.' });
  return undefined;
}

/** The request's absolute URL with some query parameters replaced (DRF's `next`/`previous` links). */
export function pageUrl(request: FastifyRequest, changes: Record<string, number | undefined>): string {
  const url = new URL(request.url, `${request.protocol}://${request.host}`);
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || value === 0) url.searchParams.delete(key);
    else url.searchParams.set(key, String(value));
  }
  return url.toString();
}
