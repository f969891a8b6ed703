import { createTRPCClient } from '@trpc/client';
import { finsightLinks } from './links';
import type { AppRouter } from './router';
import { memoryTokenStore, type TokenStore, type Tokens } from './token-store';

export interface FinsightClientOptions {
  /** The server's base URL, e.g. http://localhost:3000. */
  url: string;
  /** Tokens from an earlier login; or call `login()`. */
  tokens?: Tokens | null;
  /** Told whenever the tokens change (login, refresh, logout, refused refresh). */
  onTokensChange?: (tokens: Tokens | null) => void;
  /** Batch calls made in the same tick into one HTTP request (default true). */
  batch?: boolean;
  fetch?: typeof fetch;
}

/**
 * A typed finsight client for other TypeScript projects:
 *
 *   const finsight = createFinsightClient({ url: 'http://localhost:3000' });
 *   await finsight.login('jane@example.com', 'violet-harbour-42');
 *   const page = await finsight.api.transactions.list.query({ limit: 20 });
 */
export function createFinsightClient(options: FinsightClientOptions) {
  const memory = memoryTokenStore(options.tokens ?? null);
  const store: TokenStore = {
    get: memory.get,
    set(tokens) {
      memory.set(tokens);
      options.onTokensChange?.(tokens);
    },
  };
  const api = createTRPCClient<AppRouter>({
    links: finsightLinks({ url: options.url, tokens: store, batch: options.batch, fetch: options.fetch }),
  });
  return {
    /** Every procedure, typed: `api.transactions.list.query({ limit: 20 })`. */
    api,
    /** Logs in and keeps the tokens; returns the user. */
    async login(email: string, password: string) {
      const { access, refresh, user } = await api.auth.login.mutate({ email, password });
      store.set({ access, refresh });
      return user;
    },
    /** Forgets the tokens. */
    logout() {
      store.set(null);
    },
    get tokens() {
      return store.get();
    },
  };
}

export type FinsightClient = ReturnType<typeof createFinsightClient>;
