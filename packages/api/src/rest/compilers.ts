import { parseInput } from '@finsight/core';
import { notFound } from '@finsight/core/schemas';
import fastJson from 'fast-json-stringify';
import type { FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import { z } from 'zod';
import { verbatimStrings } from './wire-strings';

type JsonSchema = Record<string, unknown>;

/**
 * Requests are validated with the route's zod schema, and refused in the documented framework's shape
 * (`{"field": ["message"]}`, through the error handler). A path id that does not parse is not found, like
 * an unknown one: a client learns nothing from the difference.
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data) => {
    try {
      return { value: parseInput(schema, data) };
    } catch (error) {
      return { error: httpPart === 'params' ? notFound() : (error as Error) };
    }
  };

/** `anyOf: [{type: X}, {type: 'null'}]` (how zod writes `.nullable()`) as `type: [X, 'null']`, which
 * fast-json-stringify writes directly instead of trying each branch. */
function simplifyNullable(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(simplifyNullable);
  if (schema === null || typeof schema !== 'object') return schema;
  const object = Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [key, simplifyNullable(value)]),
  ) as JsonSchema;
  const branches = object.anyOf;
  if (Array.isArray(branches) && branches.length === 2) {
    const other = branches.find((branch) => (branch as JsonSchema).type !== 'null') as JsonSchema | undefined;
    const hasNull = branches.some((branch) => (branch as JsonSchema).type === 'null');
    if (
      hasNull &&
      other &&
      typeof other.type === 'string' &&
      other.type !== 'object' &&
      other.type !== 'array'
    ) {
      const { anyOf: _, ...rest } = object;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return object;
}

/**
 * The JSON Schema fast-json-stringify writes a zod schema's values with: no named definitions to $ref, no
 * descriptions, just the shape to write and which strings need no escaping.
 */
function writerSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...json } = simplifyNullable(
    z.toJSONSchema(schema, {
      io: 'output',
      target: 'draft-7',
      unrepresentable: 'any',
      metadata: verbatimStrings,
    }),
  ) as JsonSchema;
  return json;
}

/**
 * Successful responses are written by fast-json-stringify from the JSON Schema of the route's zod response
 * schema: only the documented fields go out, and a page of transactions is written without the generic
 * JSON.stringify walk. A top-level choice between a list and an object (the transaction list: a plain array,
 * or a page with `?limit=`) gets one writer per shape. Errors keep JSON.stringify: the error handler builds
 * them, in shapes of its own.
 */
export const serializerCompiler: FastifySerializerCompiler<z.ZodType> = ({ schema, httpStatus }) => {
  if (/^[45]/.test(String(httpStatus))) return JSON.stringify;
  const json = writerSchema(schema);
  const branches = json.anyOf as JsonSchema[] | undefined;
  const list = branches?.find((branch) => branch.type === 'array');
  const object = branches?.find((branch) => branch.type === 'object');
  if (branches?.length === 2 && list && object) {
    const writeList = fastJson(list);
    const writeObject = fastJson(object);
    return (data) => (Array.isArray(data) ? writeList(data) : writeObject(data));
  }
  return fastJson(json);
};
