import type { ReactNode } from 'react';
import { AccountsNav } from '../features/accounts/accounts-nav';
import { AlertsBell } from '../features/alerts/alerts-bell';
import { Link, useLocation } from '../lib/router';
import { useProfile, useSession } from '../lib/session';

const pages = [
  { href: '/', label: 'Dashboard' },
  { href: '/transactions', label: 'Transactions' },
  { href: '/budgets', label: 'Budgets' },
  { href: '/recurring', label: 'Recurring' },
  { href: '/import', label: 'Import' },
  { href: '/rules', label: 'Rules' },
  { href: '/categories', label: 'Categories' },
  { href: '/settings', label: 'Settings' },
];

export function Layout({ children }: { children: ReactNode }) {
  const { path } = useLocation();
  const { signOut } = useSession();
  const profile = useProfile();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand" aria-label="finsight home">
          <svg viewBox="0 0 32 32" width="28" height="28" aria-hidden="true">
            <rect width="32" height="32" rx="7" fill="currentColor" />
            <path
              d="M8 22l6-7 4 4 7-9"
              stroke="white"
              strokeWidth="3"
              fill="none"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          finsight
        </Link>
        <nav aria-label="Main">
          <ul>
            {pages.map((page) => (
              <li key={page.href}>
                <Link href={page.href} aria-current={path === page.href ? 'page' : undefined}>
                  {page.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account">
          <AlertsBell />
          {profile.data && <span className="username">{profile.data.username}</span>}
          <button type="button" className="button secondary small" onClick={signOut}>
            Log out
          </button>
        </div>
      </header>
      <div className="shell">
        <AccountsNav />
        <main id="main" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
