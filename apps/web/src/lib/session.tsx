import type { Tokens } from '@finsight/client';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import { queryClient, tokenStore, trpc } from './trpc';

interface Session {
  signedIn: boolean;
  signIn(tokens: Tokens): void;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const tokens = useSyncExternalStore(tokenStore.subscribe, tokenStore.get);
  const signIn = useCallback((next: Tokens) => tokenStore.set(next), []);
  const signOut = useCallback(() => {
    tokenStore.set(null);
    // Nothing of the previous user may linger in the cache.
    queryClient.clear();
  }, []);
  const value = useMemo(() => ({ signedIn: tokens !== null, signIn, signOut }), [tokens, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The signed-in user's profile (currency and name), shared by every page. */
export function useProfile() {
  return trpc.auth.me.useQuery(undefined, { staleTime: 5 * 60_000 });
}
