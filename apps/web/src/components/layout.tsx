import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { AccountsNav } from '../features/accounts/accounts-nav';
import { AlertsBell } from '../features/alerts/alerts-bell';
import { Link, useLocation } from '../lib/router';
import { useProfile, useSession } from '../lib/session';
import { OfflineBanner } from './offline-banner';
import { ThemeSelect } from './theme-select';

/** Icon paths (24×24, stroked) for the phone's bottom bar. */
const ICONS = {
  dashboard: 'M4 13h6V4H4zM14 20h6v-9h-6zM4 20h6v-3H4zM14 7h6V4h-6z',
  transactions: 'M7 4v16M7 20l-3-3M7 20l3-3M17 20V4M17 4l-3 3M17 4l3 3',
  budgets: 'M12 3a9 9 0 1 0 9 9h-9z M15 3.5A9 9 0 0 1 20.5 9H15z',
  recurring: 'M20 11a8 8 0 0 0-14.5-4.5L4 8M4 4v4h4M4 13a8 8 0 0 0 14.5 4.5L20 16M20 20v-4h-4',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
} as const;

/** The pages people use most sit in the phone's bottom bar; the rest behind "More". */
const primaryPages = [
  { href: '/', label: 'Dashboard', icon: ICONS.dashboard },
  { href: '/transactions', label: 'Transactions', icon: ICONS.transactions },
  { href: '/budgets', label: 'Budgets', icon: ICONS.budgets },
  { href: '/recurring', label: 'Recurring', icon: ICONS.recurring },
];
const otherPages = [
  { href: '/import', label: 'Import' },
  { href: '/rules', label: 'Rules' },
  { href: '/categories', label: 'Categories' },
  { href: '/accounts', label: 'Accounts' },
  { href: '/settings', label: 'Settings' },
];

function Icon({ path }: { path: string }) {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" className="nav-icon">
      <path
        d={path}
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * The main navigation: one row in the header on a wide screen; on a phone a bar along the bottom with the
 * four most used pages and "More", which opens a menu with the rest (and the theme and Log out).
 */
function MainNav({ path }: { path: string }) {
  const { signOut } = useSession();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const moreButton = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  // Following a link closes the menu.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes
  useEffect(() => setOpen(false), [path]);
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('a, button, select')?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      moreButton.current?.focus();
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !moreButton.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onPointer);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onPointer);
    };
  }, [open]);
  const current = (href: string) => (path === href ? 'page' : undefined);
  const moreCurrent = otherPages.some((page) => page.href === path);

  return (
    <nav aria-label="Main" className={`main-nav${open ? ' open' : ''}`}>
      <ul className="nav-primary">
        {primaryPages.map((page) => (
          <li key={page.href}>
            <Link href={page.href} aria-current={current(page.href)}>
              <Icon path={page.icon} />
              <span>{page.label}</span>
            </Link>
          </li>
        ))}
        <li className="nav-more">
          <button
            ref={moreButton}
            type="button"
            aria-expanded={open}
            aria-controls={menuId}
            className={moreCurrent ? 'current' : undefined}
            onClick={() => setOpen((value) => !value)}
          >
            <Icon path={ICONS.more} />
            <span>More</span>
          </button>
        </li>
      </ul>
      <div id={menuId} ref={menu} className="nav-others">
        <ul>
          {otherPages.map((page) => (
            <li key={page.href} className={page.href === '/accounts' ? 'phone-only' : undefined}>
              <Link href={page.href} aria-current={current(page.href)}>
                {page.label}
              </Link>
            </li>
          ))}
        </ul>
        <div className="nav-tools phone-only">
          <ThemeSelect />
          <button type="button" className="button secondary" onClick={signOut}>
            Log out
          </button>
        </div>
      </div>
    </nav>
  );
}

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
              stroke="var(--surface)"
              strokeWidth="3"
              fill="none"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          finsight
        </Link>
        <MainNav path={path} />
        <div className="account">
          <AlertsBell />
          {profile.data && <span className="username">{profile.data.username}</span>}
          <ThemeSelect className="wide-only" />
          <button type="button" className="button secondary small wide-only" onClick={signOut}>
            Log out
          </button>
        </div>
      </header>
      <div className="shell">
        <AccountsNav />
        <main id="main" tabIndex={-1}>
          <OfflineBanner />
          {children}
        </main>
      </div>
    </>
  );
}
