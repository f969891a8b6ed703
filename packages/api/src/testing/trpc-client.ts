import { createTRPCClient, httpBatchLink } from '@trpc/client';
import type { AppRouter } from '../client-router';

export interface TestTokens {
  access: string;
  refresh: string;
}

/**
 * A plain tRPC client over HTTP for this package's tests: it sends the access token it holds and nothing
 * more. Refreshing belongs to @finsight/client, which is tested in its own package against this server.
 */
export function testTrpcClient(url: string, initial: TestTokens | null = null) {
  let tokens = initial;
  const api = createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${url}/trpc`,
        headers: () => (tokens ? { authorization: `Bearer ${tokens.access}` } : {}),
      }),
    ],
  });
  return {
    api,
    async login(email: string, password: string) {
      const result = await api.auth.login.mutate({ email, password });
      if (result.mfaRequired) throw new Error('this test user has 2FA on: use auth.loginWithCode');
      tokens = { access: result.access, refresh: result.refresh };
      return result.user;
    },
    /** Holds these tokens from now on (after a refresh or a second login step). */
    use(next: TestTokens | null) {
      tokens = next;
    },
    get tokens() {
      return tokens;
    },
  };
}

export type TestTrpcClient = ReturnType<typeof testTrpcClient>;
