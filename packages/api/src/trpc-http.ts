import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from '@finsight/core';
import { AppError } from '@finsight/core/schemas';
import {
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  TRPCError,
  transformTRPCResponse,
} from '@trpc/server';
import { type FastifyTRPCPluginOptions, fastifyRequestHandler } from '@trpc/server/adapters/fastify';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

type TrpcOptions<Router extends AnyTRPCRouter> = FastifyTRPCPluginOptions<Router>['trpcOptions'];

export interface TrpcRoutesOptions<Router extends AnyTRPCRouter> {
  trpcOptions: TrpcOptions<Router>;
  /** Calls one request may batch; more get a 400 before anything runs. */
  maxBatchSize: number;
  /**
   * Runs before any procedure of a request: may refuse it by throwing (a TRPCError or an AppError, answered
   * in tRPC's error shape), e.g. when its user is over their budget.
   */
  admit?: (
    request: FastifyRequest,
    reply: FastifyReply,
    procedures: (AnyTRPCProcedure | undefined)[],
  ) => Promise<void>;
}

/** One procedure call of a request, ready to run. */
interface Call {
  path: string;
  procedure: AnyTRPCProcedure;
  input: unknown;
}

const QUERY_METHOD = { query: 'GET', mutation: 'POST', subscription: '' } as const;

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/**
 * The calls of an ordinary tRPC request, or undefined when it is anything else. Ordinary: a GET of queries
 * or a POST of mutations in JSON, single or batched (`?batch=1`, comma-separated paths, inputs keyed by
 * index), each path a procedure of the request's kind, its input well-formed JSON, and no streaming asked
 * for. That is every request @trpc/client's httpLink and httpBatchLink send.
 */
function ordinaryCalls(
  router: AnyTRPCRouter,
  request: FastifyRequest<{ Params: { path: string } }>,
): Call[] | undefined {
  const method = request.method;
  if (method !== 'GET' && method !== 'POST') return undefined;
  const accept = request.headers.accept ?? '';
  if (
    request.headers['trpc-accept'] !== undefined ||
    accept.includes('application/jsonl') ||
    accept.includes('text/event-stream')
  )
    return undefined;
  if (method === 'POST' && !request.headers['content-type']?.startsWith('application/json')) return undefined;

  const query = request.query as Record<string, string | string[] | undefined>;
  const batch = query.batch === '1';
  const paths = batch ? request.params.path.split(',') : [request.params.path];
  let raw: string | undefined;
  if (method === 'GET') {
    const input = query.input;
    if (Array.isArray(input)) return undefined;
    raw = input || undefined;
  } else {
    if (typeof request.body !== 'string' || request.body === '') return undefined;
    raw = request.body;
  }
  let inputs: unknown;
  if (raw !== undefined) {
    const parsed = parseJson(raw);
    if (!parsed.ok) return undefined;
    inputs = parsed.value;
    if (batch && (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs))) return undefined;
  }

  const calls: Call[] = [];
  for (const [index, path] of paths.entries()) {
    const procedure = router._def.procedures[path] as AnyTRPCProcedure | undefined;
    if (!procedure || QUERY_METHOD[procedure._def.type] !== method) return undefined;
    const input = batch ? (inputs as Record<string, unknown> | undefined)?.[index] : inputs;
    calls.push({ path, procedure, input });
  }
  return calls;
}

/**
 * tRPC over HTTP at /trpc, answering exactly as @trpc/server's Fastify adapter does, at a fraction of the
 * cost for the requests clients actually send.
 *
 * The official adapter turns every Node request into a Fetch API `Request` (with an AbortController whose
 * abort, on every completed response, builds a DOMException), lets `resolveResponse` build a `Response`, and
 * pipes its web stream back into Node: measured at about 280 µs of CPU per single query, against 60 µs for
 * the REST retrieve running the same service (docs/benchmarks.md has the alternatives tRPC offers, measured).
 * Here an ordinary request (see `ordinaryCalls`) is answered with the same public building blocks tRPC's own
 * adapters use: each procedure is called as `resolveResponse` calls it, errors go through the router's error
 * formatter (`getTRPCErrorShape`) and `onError`, the status comes from `getHTTPStatusCode` and the body from
 * `transformTRPCResponse`. Anything else (streaming, subscriptions, form data, malformed input, unknown or
 * mismatched procedures, a failing context) is handed to the official adapter unchanged, so its answers are
 * tRPC's own. A test sends one corpus of requests to both and requires the same answers.
 */
export async function trpcRoutes<Router extends AnyTRPCRouter>(
  app: FastifyInstance,
  { trpcOptions, maxBatchSize, admit }: TrpcRoutesOptions<Router>,
) {
  // As the official plugin does: bodies stay text, for tRPC to parse.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.removeContentTypeParser('multipart/form-data');
  app.addContentTypeParser('multipart/form-data', {}, (_request, body, done) => done(null, body));

  const { router, createContext, onError, responseMeta } = trpcOptions;
  const config = router._def._config;

  const official = (request: FastifyRequest<{ Params: { path: string } }>, reply: FastifyReply) =>
    fastifyRequestHandler({ ...trpcOptions, req: request, res: reply, path: request.params.path });

  /** A refusal of the whole request, as tRPC answers one (a single error, whatever the batch). */
  const refuse = (reply: FastifyReply, cause: unknown, path: string) => {
    const unavailable = isDatabaseUnavailable(cause);
    if (unavailable) reply.header('retry-after', '5');
    const error =
      cause instanceof AppError
        ? new TRPCError({ code: cause.code, message: cause.message, cause })
        : unavailable
          ? new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: DATABASE_UNAVAILABLE_MESSAGE, cause })
          : getTRPCErrorFromUnknown(cause);
    const shape = getTRPCErrorShape({
      config,
      error,
      type: 'unknown',
      path,
      input: undefined,
      ctx: undefined,
    });
    const retryAfter = (cause as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
    return reply
      .code(getHTTPStatusCode({ error: shape } as never))
      .header('content-type', 'application/json')
      .send(JSON.stringify(transformTRPCResponse(config, { error: shape })));
  };

  app.all<{ Params: { path: string } }>('/:path', async (request, reply) => {
    const batched = (request.query as Record<string, unknown>).batch === '1';
    const paths = batched ? request.params.path.split(',') : [request.params.path];
    if (paths.length > maxBatchSize) {
      const message = `A batch may hold at most ${maxBatchSize} calls; this one has ${paths.length}. Send them in smaller batches.`;
      return refuse(reply, new TRPCError({ code: 'BAD_REQUEST', message }), request.params.path);
    }
    if (admit) {
      try {
        await admit(
          request,
          reply,
          paths.map((path) => router._def.procedures[path] as AnyTRPCProcedure | undefined),
        );
      } catch (cause) {
        return refuse(reply, cause, request.params.path);
      }
    }
    const calls = ordinaryCalls(router, request);
    if (!calls) return official(request, reply);
    let ctx: unknown;
    try {
      ctx = await createContext?.({ req: request, res: reply, info: undefined as never });
    } catch {
      return official(request, reply);
    }
    const type = calls[0]?.procedure._def.type ?? 'unknown';
    const errors: TRPCError[] = [];
    const responses = await Promise.all(
      calls.map(async ({ path, procedure, input }, batchIndex) => {
        try {
          const data = await procedure({
            path,
            getRawInput: async () => input,
            ctx,
            type: procedure._def.type,
            signal: undefined,
            batchIndex,
          });
          return { result: { data } };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          errors.push(error);
          onError?.({ error, path, input, ctx: ctx as never, type: procedure._def.type, req: request });
          return { error: getTRPCErrorShape({ config, error, type: procedure._def.type, path, input, ctx }) };
        }
      }),
    );
    const batch = (request.query as Record<string, unknown>).batch === '1';
    const untransformed = batch ? responses : responses[0];
    const meta =
      responseMeta?.({
        ctx: ctx as never,
        info: undefined,
        paths: calls.map((call) => call.path),
        type,
        data: responses as never,
        errors,
        eagerGeneration: false,
      }) ?? {};
    reply
      .code(meta.status ?? getHTTPStatusCode(untransformed as never))
      .header('content-type', 'application/json')
      .header('vary', 'trpc-accept, accept');
    if (meta.headers && !(meta.headers instanceof Headers)) {
      for (const [name, value] of Object.entries(meta.headers))
        if (value !== undefined) reply.header(name, value);
    }
    return reply.send(JSON.stringify(transformTRPCResponse(config, untransformed as never)));
  });
}
