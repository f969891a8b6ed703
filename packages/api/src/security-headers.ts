import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * finsight's security headers: helmet's defaults, with a policy that allows scripts only from this origin
 * (the API docs page sends its own hashed policy), inline style attributes for the chart bars, and no
 * upgrade-insecure-requests, since a self-hosted instance may well be reached over plain http at home.
 */
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'style-src': ["'self'", "'unsafe-inline'"],
      'img-src': ["'self'", 'data:'],
      'upgrade-insecure-requests': null,
    },
  },
};

/**
 * The headers helmet sets with these options, computed once. They depend on nothing in the request (no
 * CSP nonces), and running helmet's middleware per response (what @fastify/helmet does, rebuilding it
 * each time) cost about 6 % of a simple read (profiled in docs/benchmarks.md).
 */
export function securityHeaders(options: HelmetOptions = OPTIONS): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number) {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader() {},
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}
