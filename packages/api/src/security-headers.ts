import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import { NO_STORE } from './cache-control';

/**
 * The security headers of the web app's pages: helmet's defaults, with a policy that allows scripts only from this origin
 * and the theme script by its hash (the API docs page sends its own hashed policy), inline style attributes for the chart bars, and no
 * upgrade-insecure-requests, since a self-hosted instance may well be reached over plain http at home.
 */
/**
 * The one inline script of apps/web/index.html, which applies the chosen theme before the first paint (a
 * file would be one more render-blocking request). Changing the script changes its hash: the web app's
 * browser test of the login page fails on the blocked script until this is updated.
 */
const THEME_SCRIPT_HASH = "'sha256-eDqUgmK2ib0MYGN9JDEjkcVFNwDWbQmjipfVRn8CI34='";

const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      'script-src': ["'self'", THEME_SCRIPT_HASH],
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
function helmetHeaders(options: HelmetOptions): Record<string, string> {
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

/** The headers of everything a browser renders: the app's pages and files, and the API documentation. */
export const PAGE_SECURITY_HEADERS = helmetHeaders(OPTIONS);

/**
 * The headers of API answers (REST, tRPC, MCP, the JSON 404): exactly the set the OWASP REST Security Cheat
 * Sheet asks of an API, no-store included. A JSON body is never rendered as a page, so the page-only headers
 * (script policy, cross-origin isolation, referrer policy, download and DNS-prefetch switches) protect
 * nothing there; sent with every answer they were most of its bytes (about 700 of 1,000 for a retrieve),
 * and on a busy machine the bytes every client has to read cost throughput (docs/benchmarks.md).
 */
export const API_SECURITY_HEADERS: Record<string, string> = {
  'cache-control': NO_STORE,
  'content-security-policy': "frame-ancestors 'none'",
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
};
