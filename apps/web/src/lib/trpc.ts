import type { AppRouter } from '@finsight/client';
import { finsightLinks, type TokenStore, type Tokens } from '@finsight/client';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCReact, type inferReactQueryProcedureOptions } from '@trpc/react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export const trpc = createTRPCReact<AppRouter>();
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type ReactQueryOptions = inferReactQueryProcedureOptions<AppRouter>;

const STORAGE_KEY = 'finsight.tokens';

/**
 * Tokens live in localStorage so a reload keeps the user signed in (see the README for why, and what it
 * costs). Listeners let the session react when a refresh fails and the tokens are cleared.
 */
function localStorageTokenStore(): TokenStore & { subscribe(listener: () => void): () => void } {
  const listeners = new Set<() => void>();
  const read = (): Tokens | null => {
    try {
      const raw = localStorage.getItem(STORAGE_KEY);
      const parsed = raw ? (JSON.parse(raw) as Partial<Tokens>) : null;
      return parsed?.access && parsed.refresh ? { access: parsed.access, refresh: parsed.refresh } : null;
    } catch {
      return null;
    }
  };
  let current = read();
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    current = read();
    for (const listener of listeners) listener();
  });
  return {
    get: () => current,
    set(tokens) {
      current = tokens;
      if (tokens) localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
      else localStorage.removeItem(STORAGE_KEY);
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const tokenStore = localStorageTokenStore();

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A 4xx will not get better by asking again.
      retry: (failures, error) => {
        const status = (error as { data?: { httpStatus?: number } }).data?.httpStatus ?? 500;
        return status >= 500 && failures < 2;
      },
    },
    // A change made offline fails at once and says so; it is never queued to be sent later, unseen.
    mutations: { networkMode: 'always' },
  },
});

/**
 * Refresh tokens work once, and every tab shares the tokens in localStorage: two tabs refreshing at the same
 * moment would present the same refresh token twice, which the server takes for theft and ends the session.
 * A Web Lock makes the tabs take turns; the second finds the tokens already new and uses them.
 */
function acrossTabs<Result>(refresh: () => Promise<Result>): Promise<Result> {
  if (!('locks' in navigator)) return refresh();
  return navigator.locks.request('finsight.refresh', refresh);
}

export const trpcClient = trpc.createClient({
  links: finsightLinks({ url: window.location.origin, tokens: tokenStore, refreshLock: acrossTabs }),
});
