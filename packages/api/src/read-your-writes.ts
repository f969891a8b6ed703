import type { ReadRouting } from '@finsight/core';
import type { FastifyReply, FastifyRequest } from 'fastify';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * An onSend hook that keeps a user's reads on the primary for a while after a request of theirs that may have
 * written. It runs before the answer leaves, so the next request, which may follow at once, reads the write.
 */
export function recordWrites(
  reads: ReadRouting,
  userOf: (request: FastifyRequest) => number | null | undefined,
) {
  return (
    request: FastifyRequest,
    _reply: FastifyReply,
    payload: unknown,
    done: (error: null, payload: unknown) => void,
  ) => {
    if (!READS.has(request.method)) {
      const userId = userOf(request);
      if (userId) reads.wrote(userId);
    }
    done(null, payload);
  };
}
