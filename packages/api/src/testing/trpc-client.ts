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
      const { access, refresh, user } = await api.auth.login.mutate({ email, password });
      tokens = { access, refresh };
      return user;
    },
    get tokens() {
      return tokens;
    },
  };
}

export type TestTrpcClient = ReturnType<typeof testTrpcClient>;
