import { createTRPCClient, httpBatchLink, httpLink, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from './root';

export interface Tokens {
  access: string;
  refresh: string;
}

/** Where a client keeps its tokens: memory by default; the web app passes one backed by storage. */
export interface TokenStore {
  get(): Tokens | null;
  set(tokens: Tokens | null): void;
}

export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let tokens = initial;
  return {
    get: () => tokens,
    set: (next) => {
      tokens = next;
    },
  };
}

export interface FinsightLinkOptions {
  /** The server's base URL, e.g. http://localhost:3000 (the tRPC endpoint is `${url}/trpc`). */
  url: string;
  tokens: TokenStore;
  /** Batch concurrent calls into one HTTP request (default true). */
  batch?: boolean;
  fetch?: typeof fetch;
}

/**
 * The links every finsight client needs: send the access token, and when a call fails with UNAUTHORIZED
 * while a refresh token is held, refresh once (shared by concurrent calls) and retry the call. A refused
 * refresh clears the tokens, which is how a client learns the user must log in again.
 */
export function finsightLinks({
  url,
  tokens,
  batch = true,
  fetch,
}: FinsightLinkOptions): TRPCLink<AppRouter>[] {
  const endpoint = `${url.replace(/\/+$/, '')}/trpc`;
  const headers = () => {
    const access = tokens.get()?.access;
    return access ? { authorization: `Bearer ${access}` } : {};
  };
  const refresher = createTRPCClient<AppRouter>({ links: [httpLink({ url: endpoint, fetch })] });

  let refreshing: Promise<boolean> | null = null;
  const refreshOnce = (): Promise<boolean> => {
    refreshing ??= (async () => {
      const current = tokens.get();
      if (!current) return false;
      try {
        const { access } = await refresher.auth.refresh.mutate({ refresh: current.refresh });
        tokens.set({ ...current, access });
        return true;
      } catch {
        tokens.set(null);
        return false;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  };

  const refreshOnUnauthorized: TRPCLink<AppRouter> =
    () =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription = next(op).subscribe({
          next: (value) => observer.next(value),
          complete: () => observer.complete(),
          error: (error) => {
            const canRetry =
              error.data?.code === 'UNAUTHORIZED' && !op.path.startsWith('auth.') && tokens.get() !== null;
            if (!canRetry) {
              observer.error(error);
              return;
            }
            void refreshOnce().then((refreshed) => {
              if (!refreshed) {
                observer.error(error);
                return;
              }
              subscription = next(op).subscribe(observer);
            });
          },
        });
        return () => subscription.unsubscribe();
      });

  return [
    refreshOnUnauthorized,
    batch ? httpBatchLink({ url: endpoint, headers, fetch }) : httpLink({ url: endpoint, headers, fetch }),
  ];
}

export interface FinsightClientOptions {
  url: string;
  /** Tokens from an earlier login; or call `login()`. */
  tokens?: Tokens | null;
  /** Told whenever the tokens change (login, refresh, logout, refused refresh). */
  onTokensChange?: (tokens: Tokens | null) => void;
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
    links: finsightLinks({ url: options.url, tokens: store, fetch: options.fetch }),
  });
  return {
    api,
    async login(email: string, password: string) {
      const { access, refresh, user } = await api.auth.login.mutate({ email, password });
      store.set({ access, refresh });
      return user;
    },
    logout() {
      store.set(null);
    },
    get tokens() {
      return store.get();
    },
  };
}

export type FinsightClient = ReturnType<typeof createFinsightClient>;
