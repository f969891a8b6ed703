import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Layout } from './components/layout';
import { LoginPage, RegisterPage } from './features/auth/auth-pages';
import { CategoriesPage } from './features/categories/categories-page';
import { DashboardPage } from './features/dashboard/dashboard-page';
import { SettingsPage } from './features/settings/settings-page';
import { TransactionsPage } from './features/transactions/transactions-page';
import { navigate, useLocation } from './lib/router';
import { SessionProvider, useSession } from './lib/session';
import { queryClient, trpc, trpcClient } from './lib/trpc';

const titles: Record<string, string> = {
  '/': 'Dashboard',
  '/transactions': 'Transactions',
  '/categories': 'Categories',
  '/settings': 'Settings',
  '/login': 'Log in',
  '/register': 'Create an account',
};

function Pages() {
  const { path } = useLocation();
  const { signedIn } = useSession();
  const publicPage = path === '/login' || path === '/register';

  useEffect(() => {
    document.title = `${titles[path] ?? 'Not found'} · finsight`;
  }, [path]);
  useEffect(() => {
    // Signed out (or a refresh failed): back to the login page; signed in: away from it.
    if (!signedIn && !publicPage) navigate('/login', { replace: true });
    if (signedIn && publicPage) navigate('/', { replace: true });
  }, [signedIn, publicPage]);

  if (!signedIn) return path === '/register' ? <RegisterPage /> : <LoginPage />;
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
  return <Layout>{page}</Layout>;
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
