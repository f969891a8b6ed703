import { createTRPCClient } from '@trpc/client';
import { finsightLinks } from './links';
import type { AppRouter } from './router';
import { memoryTokenStore, type TokenStore, type Tokens } from './token-store';

export interface FinsightClientOptions {
  /** The server's base URL, e.g. http://localhost:3000. */
  url: string;
  /** Tokens from an earlier login; or call `login()`. */
  tokens?: Tokens | null;
  /**
   * A personal API token (`fs_…`, made in Settings › Security or at POST /api/auth/tokens/) instead of a
   * login: for scripts and MCP hosts. It does not expire every 15 minutes, so nothing is refreshed.
   */
  apiToken?: string;
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
  const memory = memoryTokenStore(
    options.apiToken ? { access: options.apiToken, refresh: '' } : (options.tokens ?? null),
  );
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
    /**
     * Logs in and keeps the tokens; returns the user. For an account with two-factor authentication on,
     * pass the current code from the authenticator app (or a recovery code) as `code`.
     */
    async login(email: string, password: string, code?: string) {
      const result = await api.auth.login.mutate({ email, password });
      if (!result.mfaRequired) {
        store.set({ access: result.access, refresh: result.refresh });
        return result.user;
      }
      if (code === undefined) {
        throw new Error('This account has two-factor authentication on: call login(email, password, code).');
      }
      const { access, refresh, user } = await api.auth.loginWithCode.mutate({
        mfaToken: result.mfaToken,
        code,
      });
      store.set({ access, refresh });
      return user;
    },
    /** Ends the session on the server (its tokens stop working everywhere) and forgets the tokens. */
    async logout() {
      const refresh = store.get()?.refresh;
      store.set(null);
      if (refresh) await api.auth.logout.mutate({ refresh });
    },
    get tokens() {
      return store.get();
    },
  };
}

export type FinsightClient = ReturnType<typeof createFinsightClient>;
