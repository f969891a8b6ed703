import { QueryClientProvider } from '@tanstack/react-query';
import { lazy, type ReactElement, Suspense, useEffect } from 'react';
import { Layout } from './components/layout';
import { Loading } from './components/states';
import { ForgotPasswordPage, LoginPage, RegisterPage, ResetPasswordPage } from './features/auth/auth-pages';
import { loginPath, navigate, safeNext, useLocation } from './lib/router';
import { registerServiceWorker } from './lib/service-worker';
import { SessionProvider, useSession } from './lib/session';
import './lib/theme';
import { queryClient, trpc, trpcClient } from './lib/trpc';

// Every signed-in page is a chunk of its own, loaded when first shown: the login page (in the main
// chunk, so it paints without a second round trip) loads what logging in needs and nothing of the rest.
const DashboardPage = lazy(() =>
  import('./features/dashboard/dashboard-page').then((page) => ({ default: page.DashboardPage })),
);
const TransactionsPage = lazy(() =>
  import('./features/transactions/transactions-page').then((page) => ({ default: page.TransactionsPage })),
);
const BudgetsPage = lazy(() =>
  import('./features/budgets/budgets-page').then((page) => ({ default: page.BudgetsPage })),
);
const RecurringPage = lazy(() =>
  import('./features/recurring/recurring-page').then((page) => ({ default: page.RecurringPage })),
);
const CategoriesPage = lazy(() =>
  import('./features/categories/categories-page').then((page) => ({ default: page.CategoriesPage })),
);
const AccountsPage = lazy(() =>
  import('./features/accounts/accounts-page').then((page) => ({ default: page.AccountsPage })),
);
const AccountRegisterPage = lazy(() =>
  import('./features/accounts/account-register-page').then((page) => ({ default: page.AccountRegisterPage })),
);
const ImportPage = lazy(() =>
  import('./features/imports/import-page').then((page) => ({ default: page.ImportPage })),
);
const RulesPage = lazy(() =>
  import('./features/rules/rules-page').then((page) => ({ default: page.RulesPage })),
);
const SettingsPage = lazy(() =>
  import('./features/settings/settings-page').then((page) => ({ default: page.SettingsPage })),
);

const titles: Record<string, string> = {
  '/': 'Dashboard',
  '/transactions': 'Transactions',
  '/budgets': 'Budgets',
  '/recurring': 'Recurring payments',
  '/categories': 'Categories',
  '/accounts': 'Accounts',
  '/import': 'Import',
  '/rules': 'Rules',
  '/settings': 'Settings',
  '/login': 'Log in',
  '/register': 'Create an account',
  '/forgot-password': 'Reset your password',
  '/reset-password': 'Choose a new password',
};

const ACCOUNT_PATH = /^\/accounts\/(\d{1,9})$/;

/** Pages for people who are not signed in; the first two send a signed-in user to the dashboard. */
const PUBLIC_PAGES: Record<string, () => ReactElement> = {
  '/login': () => <LoginPage />,
  '/register': () => <RegisterPage />,
  '/forgot-password': () => <ForgotPasswordPage />,
  '/reset-password': () => <ResetPasswordPage />,
};

function Pages() {
  const { path, query } = useLocation();
  const { signedIn } = useSession();
  const publicPage = path in PUBLIC_PAGES;
  const next = query.get('next');

  const accountId = Number(ACCOUNT_PATH.exec(path)?.[1] ?? 0);
  useEffect(() => {
    document.title = `${titles[path] ?? (accountId ? 'Account' : 'Not found')} · finsight`;
  }, [path, accountId]);
  useEffect(() => {
    // Signed out (or a refresh failed): to the login page, which brings the user back to the page they asked
    // for; signed in: away from it, to that page.
    if (!signedIn && !publicPage)
      navigate(loginPath(window.location.pathname + window.location.search), { replace: true });
    if (signedIn && publicPage) navigate(safeNext(next), { replace: true });
  }, [signedIn, publicPage, next]);

  if (!signedIn) return (PUBLIC_PAGES[path] ?? PUBLIC_PAGES['/login'])?.() ?? null;
  if (publicPage) return null;
  const page =
    path === '/' ? (
      <DashboardPage />
    ) : path === '/transactions' ? (
      <TransactionsPage />
    ) : path === '/budgets' ? (
      <BudgetsPage />
    ) : path === '/recurring' ? (
      <RecurringPage />
    ) : path === '/categories' ? (
      <CategoriesPage />
    ) : path === '/accounts' ? (
      <AccountsPage />
    ) : accountId > 0 ? (
      // A page of its own per account: nothing typed into one account's forms shows on another's.
      <AccountRegisterPage key={accountId} id={accountId} />
    ) : path === '/import' ? (
      <ImportPage />
    ) : path === '/rules' ? (
      <RulesPage />
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

registerServiceWorker();

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
