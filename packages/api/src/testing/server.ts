import { createTestDatabase, type TestDatabase } from '@finsight/core/testing';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../app';
import { createTokenService, type TokenService } from '../auth/jwt';
import type { RateLimiter } from '../auth/rate-limiter';
import { loadEnv } from '../env';
import type { Mail, Mailer } from '../mail/mailer';

export { createTokenService };

export const TEST_JWT_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

export interface TestServer {
  /** Base URL of the listening server, e.g. http://127.0.0.1:41234 */
  url: string;
  app: FastifyInstance;
  database: TestDatabase;
  /** The server's own token service (to mount another endpoint on the same one). */
  tokens: TokenService;
  /** Mails the server sent, newest last (unless it uses the real mailer). */
  mails: Mail[];
  close(): Promise<void>;
}

/** A real listening finsight server on a fresh database (PGlite, or the server in TEST_DATABASE_URL). */
export async function startTestServer(
  options: {
    env?: Record<string, string>;
    authLimiter?: RateLimiter;
    logStream?: BuildAppOptions['logStream'];
    /** Serve this web build at / (the browser tests). */
    webDist?: string;
    /** Send mail as configured (SMTP_URL) instead of keeping it in `mails`. */
    useRealMailer?: boolean;
    onRoute?: BuildAppOptions['onRoute'];
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const mails: Mail[] = [];
  const outbox: Mailer = {
    async send(mail) {
      mails.push(mail);
    },
    close() {},
  };
  // Limits off unless a test turns them on: tests send requests faster than any person.
  const env = loadEnv({
    AUTH_RATE_LIMIT: 'off',
    USER_RATE_LIMIT: 'off',
    USER_CONCURRENCY: 'off',
    LOG_LEVEL: 'silent',
    NODE_ENV: 'test',
    // The alert worker's tests run it themselves, tick by tick.
    ALERT_WORKER: 'off',
    ...options.env,
  });
  const tokens = createTokenService(TEST_JWT_SECRET);
  const app = await buildApp({
    db: database.db,
    env,
    jwtSecret: TEST_JWT_SECRET,
    tokens,
    authLimiter: options.authLimiter,
    logStream: options.logStream,
    webDist: options.webDist,
    mailer: options.useRealMailer ? undefined : outbox,
    onRoute: options.onRoute,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    database,
    tokens,
    mails,
    async close() {
      // A test that left a response unread keeps its connection busy, and a graceful close would wait for it
      // until the hook times out; after a second the test server hangs up on whatever is still open.
      const closing = app.close();
      const hangUp = setTimeout(() => app.server.closeAllConnections(), 1000);
      try {
        await closing;
      } finally {
        clearTimeout(hangUp);
      }
      await database.close();
    },
  };
}

export interface RestUser {
  id: number;
  email: string;
  password: string;
  access: string;
  refresh: string;
}

let counter = 0;

/** Registers and logs in a user through the REST endpoints. */
export async function restUser(url: string, name = 'user'): Promise<RestUser> {
  counter += 1;
  const email = `${name}${counter}.${Date.now()}@example.com`;
  const password = 'violet-harbour-42';
  const registered = await call(url, 'POST', '/api/auth/register/', {
    username: `${name}${counter}_${Date.now()}`,
    email,
    password,
  });
  if (registered.status !== 201) throw new Error(`register failed: ${JSON.stringify(registered.body)}`);
  const login = await call(url, 'POST', '/api/auth/login/', { email, password });
  if (login.status !== 200) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const tokens = login.body as { access: string; refresh: string };
  return { id: (registered.body as { id: number }).id, email, password, ...tokens };
}

export interface CallResult {
  status: number;
  headers: Headers;
  body: unknown;
}

/** One JSON request to the server; `token` becomes a Bearer header. */
export async function call(
  url: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  headers: Record<string, string> = {},
): Promise<CallResult> {
  const response = await fetch(url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...headers,
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

/** The claims of one of our JWTs (no verification: for tests that need a token's session). */
export function claimsOf(token: string): { sub: string; sid: number; gen?: number; exp: number } {
  const payload = token.split('.')[1] ?? '';
  return JSON.parse(Buffer.from(payload, 'base64url').toString());
}

/** An access token for the same user and session that expired an hour ago, as a client holds it after lunch. */
export async function expiredAccess(access: string): Promise<string> {
  const { sub, sid } = claimsOf(access);
  const past = createTokenService(TEST_JWT_SECRET, () => Math.floor(Date.now() / 1000) - 3600);
  return (await past.issuePair({ userId: Number(sub), sessionId: sid, generation: 0 })).access;
}

/** One user's REST calls against a test server, with their access token. */
export function restAs(url: string, user: { access: string }) {
  return {
    get: (path: string) => call(url, 'GET', path, undefined, user.access),
    post: (path: string, body: unknown) => call(url, 'POST', path, body, user.access),
    put: (path: string, body: unknown) => call(url, 'PUT', path, body, user.access),
    patch: (path: string, body: unknown) => call(url, 'PATCH', path, body, user.access),
    delete: (path: string) => call(url, 'DELETE', path, undefined, user.access),
  };
}
