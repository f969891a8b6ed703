import type { Tokens } from '@finsight/client';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react';
import { dateTimeFormat } from './intl-formats';
import { navigate } from './router';
import { todayIn } from './schemas';
import { queryClient, tokenStore, trpc, trpcClient } from './trpc';

interface Session {
  signedIn: boolean;
  /** The tokens were cleared while signed in without "Log out": the session ended (a refresh was refused). */
  ended: boolean;
  signIn(tokens: Tokens): void;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const tokens = useSyncExternalStore(tokenStore.subscribe, tokenStore.get);
  const [ended, setEnded] = useState(false);
  const loggingOut = useRef(false);
  const previous = useRef(tokens);
  useEffect(() => {
    const wasSignedIn = previous.current !== null;
    previous.current = tokens;
    if (tokens !== null) setEnded(false);
    else if (wasSignedIn && !loggingOut.current) {
      // Signed out by the server, not by the user: say so on the login page, and forget their data here.
      setEnded(true);
      queryClient.clear();
    }
    loggingOut.current = false;
  }, [tokens]);
  const signIn = useCallback((next: Tokens) => tokenStore.set(next), []);
  const signOut = useCallback(() => {
    const refresh = tokenStore.get()?.refresh;
    loggingOut.current = true;
    tokenStore.set(null);
    // Nothing of the previous user may linger in the cache.
    queryClient.clear();
    // Logging out is no request to come back to this page afterwards: the login page, without `next`.
    navigate('/login');
    // Ends the session on the server too, so the tokens stop working everywhere. Signed out here either way.
    if (refresh) trpcClient.auth.logout.mutate({ refresh }).catch(() => undefined);
  }, []);
  const value = useMemo(
    () => ({ signedIn: tokens !== null, ended, signIn, signOut }),
    [tokens, ended, signIn, signOut],
  );
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
export const browserTimeZone = () => dateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** Today "YYYY-MM-DD" where the user lives (their profile's time zone), as the server counts it. */
export function useToday(): string {
  const profile = useProfile();
  return todayIn(profile.data?.timeZone ?? browserTimeZone());
}
