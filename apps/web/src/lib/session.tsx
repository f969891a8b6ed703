import type { Tokens } from '@finsight/client';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useSyncExternalStore } from 'react';
import { todayIn } from './schemas';
import { queryClient, tokenStore, trpc, trpcClient } from './trpc';

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
    const refresh = tokenStore.get()?.refresh;
    tokenStore.set(null);
    // Nothing of the previous user may linger in the cache.
    queryClient.clear();
    // Ends the session on the server too, so the tokens stop working everywhere. Signed out here either way.
    if (refresh) trpcClient.auth.logout.mutate({ refresh }).catch(() => undefined);
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

/** The browser's own time zone: the default at sign-up, and until the profile has loaded. */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Today "YYYY-MM-DD" where the user lives (their profile's time zone), as the server counts it. */
export function useToday(): string {
  const profile = useProfile();
  return todayIn(profile.data?.timeZone ?? browserTimeZone());
}
