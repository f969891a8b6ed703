import { createTRPCClient, httpBatchLink, httpLink, splitLink, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import type { AppRouter } from './router';
import type { TokenStore } from './token-store';

export interface FinsightLinkOptions {
  /** The server's base URL, e.g. http://localhost:3000 (the tRPC endpoint is `${url}/trpc`). */
  url: string;
  tokens: TokenStore;
  /**
   * Runs a refresh exclusively across everything sharing the token store (the web app's tabs share one
   * through localStorage). A refresh token works once, so two refreshing at once would end the session.
   */
  refreshLock?: <Result>(refresh: () => Promise<Result>) => Promise<Result>;
  /** Batch concurrent calls into one HTTP request (default true). */
  batch?: boolean;
  fetch?: typeof fetch;
}

/**
 * The procedures that take no access token: an UNAUTHORIZED from them is about the credentials or the
 * refresh token sent, which a refresh cannot mend. Every other procedure, `auth.me` included, is retried
 * once after a refresh.
 */
const WITHOUT_ACCESS_TOKEN = new Set([
  'auth.login',
  'auth.loginWithCode',
  'auth.register',
  'auth.refresh',
  'auth.logout',
  'auth.requestPasswordReset',
  'auth.confirmPasswordReset',
]);

/**
 * The per-call options finsight's links understand, passed as the tRPC `context` of a call:
 * `client.transactions.create.mutate(input, { context: { idempotencyKey } })`.
 */
export interface FinsightCallContext {
  /** Sent as `Idempotency-Key`: a create repeated with the same key within 24 hours happens once. */
  idempotencyKey?: string;
}

/**
 * The links every finsight client needs: send the access token (or personal API token), and when a call
 * fails with UNAUTHORIZED while a refresh token is held, refresh once (shared by concurrent calls) and retry
 * the call. Refresh tokens rotate: the new pair replaces the old one in the store. A refused refresh clears
 * the tokens, which is how a client learns the user must log in again.
 */
export function finsightLinks({
  url,
  tokens,
  refreshLock = (refresh) => refresh(),
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
    const stale = tokens.get()?.refresh;
    refreshing ??= refreshLock(async () => {
      const current = tokens.get();
      if (!current?.refresh) return false;
      // Someone sharing the store refreshed while this waited for the lock: use their tokens.
      if (current.refresh !== stale) return true;
      try {
        tokens.set(await refresher.auth.refresh.mutate({ refresh: current.refresh }));
        return true;
      } catch {
        tokens.set(null);
        return false;
      }
    }).finally(() => {
      refreshing = null;
    });
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
              error.data?.code === 'UNAUTHORIZED' &&
              !WITHOUT_ACCESS_TOKEN.has(op.path) &&
              Boolean(tokens.get()?.refresh);
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

  // A call made with `context: { idempotencyKey }` goes alone, with the key as its `Idempotency-Key`
  // header: a header belongs to an HTTP request, and a batch could hold two creates with different keys.
  const keyed = httpLink({
    url: endpoint,
    fetch,
    headers: ({ op }) => ({ ...headers(), 'idempotency-key': String(op.context.idempotencyKey) }),
  });
  return [
    refreshOnUnauthorized,
    splitLink({
      condition: (op) => typeof op.context.idempotencyKey === 'string',
      true: keyed,
      false: batch
        ? httpBatchLink({ url: endpoint, headers, fetch })
        : httpLink({ url: endpoint, headers, fetch }),
    }),
  ];
}
