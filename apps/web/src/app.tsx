import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactElement, Suspense, useEffect } from 'react';
import { Layout } from './components/layout';
import { Loading } from './components/states';
import { ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage } from './features/auth/auth-pages';
import { navigate, useLocation } from './lib/router';
import { SessionProvider, useSession } from './lib/session';
import { queryClient, trpc, trpcClient } from './lib/trpc';

// Every signed-in page is a chunk of its own, loaded when first shown: the login page (in the main
// chunk, so it paints without a second round trip) loads what logging in needs and nothing of the rest.
const DashboardPage = lazy(() =>
  import('./features/dashboard/dashboard-page').then((page) => ({ default: page.DashboardPage })),
);
const TransactionsPage = lazy(() =>
  import('./features/transactions/transactions-page').then((page) => ({ default: page.TransactionsPage })),
);
const CategoriesPage = lazy(() =>
  import('./features/categories/categories-page').then((page) => ({ default: page.CategoriesPage })),
);
const SettingsPage = lazy(() =>
  import('./features/settings/settings-page').then((page) => ({ default: page.SettingsPage })),
);

const titles: Record<string, string> = {
  '/': 'Dashboard',
  '/transactions': 'Transactions',
  '/categories': 'Categories',
  '/settings': 'Settings',
  '/login': 'Log in',
  '/register': 'Create an account',
  '/forgot-password': 'Reset your password',
  '/reset-password': 'Choose a new password',
};

/** Pages for people who are not signed in; the first two send a signed-in user to the dashboard. */
const PUBLIC_PAGES: Record<string, () => ReactElement> = {
  '/login': () => <LoginPage />,
  '/register': () => <RegisterPage />,
  '/forgot-password': () => <ForgotPasswordPage />,
  '/reset-password': () => <ResetPasswordPage />,
};

function Pages() {
  const { path } = useLocation();
  const { signedIn } = useSession();
  const publicPage = path in PUBLIC_PAGES;

  useEffect(() => {
    document.title = `${titles[path] ?? 'Not found'} · finsight`;
  }, [path]);
  useEffect(() => {
    // Signed out (or a refresh failed): back to the login page; signed in: away from it.
    if (!signedIn && !publicPage) navigate('/login', { replace: true });
    if (signedIn && publicPage) navigate('/', { replace: true });
  }, [signedIn, publicPage]);

  if (!signedIn) return (PUBLIC_PAGES[path] ?? PUBLIC_PAGES['/login'])?.() ?? null;
  if (publicPage) return null;
  const page =
    path === '/' ? (
      <DashboardPage />
    ) : path === '/transactions' ? (
      <TransactionsPage />
    ) : path === '/categories' ? (
      <CategoriesPage />
    ) : path === '/settings' ? (
      <SettingsPage />
    ) : (
      <div className="page">
        <h1>Page not found</h1>
        <p>
          <a href="/">Back to the dashboard</a>
        </p>
      </div>
    );
  return (
    <Layout>
      <Suspense fallback={<Loading />}>{page}</Suspense>
    </Layout>
  );
}

export function App() {
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          <Pages />
        </SessionProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}
