import { type FocusEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useMoneyFormat } from '../../components/money';
import { ErrorState, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatDate, formatDateTime, formatMonth } from '../../lib/format';
import { formatCount } from '../../lib/intl-formats';
import { useLocale } from '../../lib/locale';
import { Link } from '../../lib/router';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { formatsFor } from '../dashboard/narrative-text';
import {
  type AlertFormats,
  alertHref,
  alertMessage,
  badgeText,
  KIND_ICONS,
  KIND_TITLES,
  timeAgo,
  unreadLabel,
} from './alert-text';

type Alert = RouterOutputs['alerts']['list']['results'][number];

/** The newest alerts the panel lists. */
const PANEL_SIZE = 20;

function AlertItem({
  alert,
  formats,
  locale,
  onOpen,
}: {
  alert: Alert;
  formats: AlertFormats;
  locale: string;
  onOpen: (alert: Alert) => void;
}) {
  const unread = alert.readAt === null;
  return (
    <li className={unread ? 'alert-item unread' : 'alert-item'}>
      <Link href={alertHref(alert.link)} className="alert-link" onClick={() => onOpen(alert)}>
        <span className={`alert-icon ${alert.kind.toLowerCase()}`} aria-hidden="true">
          {KIND_ICONS[alert.kind]}
        </span>
        <span className="alert-body">
          <span className="alert-title">
            {unread && <span className="visually-hidden">Unread: </span>}
            {KIND_TITLES[alert.kind]}
          </span>
          <span className="alert-message">{alertMessage(alert, formats)}</span>
          <time
            className="alert-time"
            dateTime={alert.createdAt}
            title={formatDateTime(alert.createdAt, locale)}
          >
            {timeAgo(alert.createdAt, Date.now(), locale)}
          </time>
        </span>
        {unread && <span className="unread-dot" aria-hidden="true" />}
      </Link>
    </li>
  );
}

/**
 * The bell in the header: how many alerts are unread (asked again every minute and when the window gets
 * focus), and on a click the newest alerts. Opening one marks it read and goes where it points. Escape,
 * a click outside or leaving with Tab closes the panel; Escape puts the focus back on the bell.
 */
export function AlertsBell() {
  const utils = trpc.useUtils();
  const locale = useLocale();
  const money = useMoneyFormat();
  const formats: AlertFormats = {
    ...formatsFor(locale, money, (month) => formatMonth(month, locale)),
    date: (date) => formatDate(date, locale),
  };
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const unread = trpc.alerts.unreadCount.useQuery(undefined, {
    refetchInterval: 60_000,
    refetchOnWindowFocus: true,
    staleTime: 10_000,
  });
  const list = trpc.alerts.list.useQuery({ limit: PANEL_SIZE }, { enabled: open, staleTime: 0 });
  const refresh = () => utils.alerts.invalidate();
  const mark = trpc.alerts.mark.useMutation({ onSettled: refresh });
  const markAll = trpc.alerts.markAllRead.useMutation({ onSettled: refresh });
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLElement>(null);
  const panelId = useId();
  const titleId = useId();
  const count = unread.data ?? 0;

  // A new alert is announced once, as the badge changes; the first count of a visit is not news.
  const previous = useRef<number | null>(null);
  useEffect(() => {
    if (unread.data === undefined) return;
    if (previous.current !== null && unread.data > previous.current)
      setAnnouncement(`New alert: ${unreadLabel(unread.data, locale).toLowerCase()}.`);
    previous.current = unread.data;
  }, [unread.data, locale]);

  useEffect(() => {
    if (!open) return;
    panel.current?.focus();
    const outside = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  };
  const onBlur = (event: FocusEvent) => {
    const next = event.relatedTarget;
    if (open && next instanceof Node && !wrapper.current?.contains(next)) setOpen(false);
  };

  const openAlert = (alert: Alert) => {
    setOpen(false);
    if (alert.readAt !== null) return;
    utils.alerts.unreadCount.setData(undefined, (current) => Math.max(0, (current ?? 1) - 1));
    mark.mutate({ id: alert.id, read: true });
  };
  const readAll = () => {
    setProblem(null);
    utils.alerts.unreadCount.setData(undefined, 0);
    markAll.mutate(undefined, { onError: (error) => setProblem(messageOf(error)) });
    // The button goes away with the last unread alert: the panel keeps the focus.
    panel.current?.focus();
  };

  const results = list.data?.results ?? [];
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape and focus leaving are caught for the whole widget
    <div className="alerts" ref={wrapper} onKeyDown={onKeyDown} onBlur={onBlur}>
      <button
        ref={button}
        type="button"
        className="bell"
        aria-label={unreadLabel(count, locale)}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => {
          setProblem(null);
          setOpen((current) => !current);
        }}
      >
        <svg
          viewBox="0 0 24 24"
          width="22"
          height="22"
          aria-hidden="true"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeLinecap="round"
          strokeLinejoin="round"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {count > 0 && (
          <span className="bell-badge" aria-hidden="true">
            {badgeText(count)}
          </span>
        )}
      </button>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
      <section
        ref={panel}
        id={panelId}
        className="alerts-panel"
        aria-labelledby={titleId}
        tabIndex={-1}
        hidden={!open}
      >
        <div className="alerts-head">
          <h2 id={titleId}>Alerts</h2>
          {count > 0 && (
            <button
              type="button"
              className="button link small"
              onClick={readAll}
              disabled={markAll.isPending}
            >
              Mark all read
            </button>
          )}
        </div>
        {problem && (
          <p className="form-error" role="alert">
            {problem}
          </p>
        )}
        {!open ? null : list.isPending ? (
          <Loading label="Loading alerts…" />
        ) : list.isError ? (
          <ErrorState error={list.error} retry={() => void list.refetch()} />
        ) : results.length === 0 ? (
          <div className="alerts-empty">
            <p>
              <strong>No alerts yet</strong>
            </p>
            <p className="muted">
              You will hear here when a budget nears its limit or goes over, when spending looks unusual, or
              when a regular payment changes price or does not come.
            </p>
          </div>
        ) : (
          <>
            <ul className="alert-list">
              {results.map((alert) => (
                <AlertItem
                  key={alert.id}
                  alert={alert}
                  formats={formats}
                  locale={locale}
                  onOpen={openAlert}
                />
              ))}
            </ul>
            {list.data.count > results.length && (
              <p className="muted alerts-more">
                The {formatCount(results.length, locale)} newest of {formatCount(list.data.count, locale)}{' '}
                alerts.
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
