import { getQueryKey } from '@trpc/react-query';
import { useEffect, useRef, useState } from 'react';
import { useMoneyFormat } from '../../components/money';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { countOf, formatDate } from '../../lib/format';
import { formatCount } from '../../lib/intl-formats';
import { useLocale } from '../../lib/locale';
import { useNotice } from '../../lib/notice';
import { Link } from '../../lib/router';
import type { RecurringStatus } from '../../lib/schemas';
import { useToday } from '../../lib/session';
import { queryClient, trpc } from '../../lib/trpc';
import { amountText, CADENCE_WORDS, confidenceText, nextText, type Series } from './recurring-text';
import { SeriesForm } from './series-form';
import './recurring.css';

type Notice = { text: string; error: boolean; undo?: { series: Series; status: RecurringStatus } };

function SeriesItem({
  series,
  editing,
  busy,
  onStatus,
  onEdit,
  onEdited,
}: {
  series: Series;
  editing: boolean;
  busy: boolean;
  onStatus: (status: RecurringStatus) => void;
  onEdit: (open: boolean) => void;
  onEdited: (text: string) => void;
}) {
  const money = useMoneyFormat();
  const locale = useLocale();
  const today = useToday();
  const editButton = useRef<HTMLButtonElement>(null);
  const wasEditing = useRef(editing);
  // Back on the Edit button when the form closes, for keyboard users.
  useEffect(() => {
    if (wasEditing.current && !editing) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);
  const dismissed = series.status === 'DISMISSED';
  const income = series.type === 'INCOME';
  return (
    <li className={`card series${dismissed ? ' dismissed' : ''}`}>
      <div className="series-head">
        <h3>{series.payee}</h3>
        {series.status === 'CONFIRMED' && (
          <span className="series-tag confirmed">
            <span aria-hidden="true">✓ </span>Confirmed
          </span>
        )}
        {dismissed && <span className="series-tag">Dismissed</span>}
        {series.edited && <span className="series-tag">Edited</span>}
      </div>
      <p className="series-line">
        {CADENCE_WORDS[series.cadence]} · {income ? 'Income' : 'Expense'} · {series.category ?? 'No category'}
      </p>
      <dl className="series-facts">
        <div>
          <dt>Amount</dt>
          <dd className={income ? 'income' : undefined}>
            {income ? '+' : ''}
            {amountText(series, money)}
          </dd>
        </div>
        <div>
          <dt>Next expected</dt>
          <dd>{dismissed ? '—' : nextText(series.nextExpected, today, locale)}</dd>
        </div>
        <div>
          <dt>Last seen</dt>
          <dd>{formatDate(series.lastDate, locale)}</dd>
        </div>
        <div>
          <dt>Confidence</dt>
          <dd>
            {confidenceText(series.confidence, locale)},{' '}
            {countOf(series.occurrences, 'payment', 'payments', locale)}
          </dd>
        </div>
      </dl>
      {editing ? (
        <SeriesForm series={series} onCancel={() => onEdit(false)} onDone={onEdited} />
      ) : (
        <div className="series-actions">
          {dismissed ? (
            <button
              type="button"
              className="button secondary small"
              disabled={busy}
              onClick={() => onStatus('DETECTED')}
              aria-label={`Restore ${series.payee}`}
            >
              Restore
            </button>
          ) : (
            <>
              {series.status !== 'CONFIRMED' && (
                <button
                  type="button"
                  className="button small"
                  disabled={busy}
                  onClick={() => onStatus('CONFIRMED')}
                  aria-label={`Confirm ${series.payee}`}
                >
                  Confirm
                </button>
              )}
              <button
                type="button"
                className="button secondary small"
                disabled={busy}
                onClick={() => onStatus('DISMISSED')}
                aria-label={`Dismiss ${series.payee}`}
              >
                Dismiss
              </button>
              <button
                ref={editButton}
                type="button"
                className="button link"
                onClick={() => onEdit(true)}
                aria-label={`Edit ${series.payee}`}
              >
                Edit
              </button>
            </>
          )}
        </div>
      )}
    </li>
  );
}

const DONE: Record<RecurringStatus, (payee: string) => string> = {
  CONFIRMED: (payee) => `“${payee}” confirmed as a recurring payment.`,
  DISMISSED: (payee) => `“${payee}” dismissed: it will not be suggested again.`,
  DETECTED: (payee) => `“${payee}” is back in the list.`,
};

/**
 * The recurring payments finsight found in the history (rent, salary, subscriptions…), soonest first:
 * confirmed, dismissed (with an undo, and "show dismissed" to bring one back) or renamed and corrected.
 */
export function RecurringPage() {
  const utils = trpc.useUtils();
  const locale = useLocale();
  const [showDismissed, setShowDismissed] = useState(false);
  const list = trpc.recurring.list.useQuery(
    { includeDismissed: showDismissed },
    { placeholderData: (previous) => previous },
  );
  const listKey = getQueryKey(trpc.recurring.list, undefined, 'query');
  // A decision shows at once (detection behind the list can take a moment) and is rolled back if refused.
  const update = trpc.recurring.update.useMutation({
    onMutate: async ({ id, status }) => {
      await queryClient.cancelQueries({ queryKey: listKey });
      const snapshot = queryClient.getQueriesData<Series[]>({ queryKey: listKey });
      if (status)
        queryClient.setQueriesData<Series[]>({ queryKey: listKey }, (list) =>
          list?.map((series) => (series.id === id ? { ...series, status } : series)),
        );
      return snapshot;
    },
    onError: (_error, _input, snapshot) => {
      for (const [key, data] of snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSettled: () => Promise.all([utils.recurring.invalidate(), utils.forecast.invalidate()]),
  });
  const [editing, setEditing] = useState<number | null>(null);
  // A success message goes when an error shows anywhere on the page (lib/notice.ts).
  const [notice, setNotice] = useNotice<Notice>();
  const undoButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // A dismissed or confirmed series loses the button that was pressed: the focus goes to the Undo.
  useEffect(() => {
    if (notice?.undo) undoButton.current?.focus();
  }, [notice]);

  const setStatus = (series: Series, status: RecurringStatus, undoable = true) => {
    setNotice(null);
    update.mutate(
      { id: series.id, status },
      {
        onSuccess: () =>
          setNotice({
            text: DONE[status](series.payee),
            error: false,
            undo: undoable && status !== 'DETECTED' ? { series, status: series.status } : undefined,
          }),
        onError: (error) => setNotice({ text: messageOf(error), error: true }),
      },
    );
  };
  const undo = () => {
    const target = notice?.undo;
    if (!target) return;
    setStatus(target.series, target.status, false);
    heading.current?.focus();
  };

  // A series dismissed a moment ago is still in the cached list until it is fetched again.
  const items = (list.data ?? []).filter((series) => showDismissed || series.status !== 'DISMISSED');
  const active = items.filter((series) => series.status !== 'DISMISSED');
  return (
    <div className="page narrow-wide recurring-page">
      <div className="page-header">
        <h1 ref={heading} tabIndex={-1}>
          Recurring payments
        </h1>
        <label className="check">
          <input
            type="checkbox"
            checked={showDismissed}
            onChange={(event) => setShowDismissed(event.target.checked)}
          />
          Show dismissed
        </label>
      </div>
      <p className="muted">
        Regular payments found in your history: rent, salary, subscriptions. Confirm the ones that are right
        and dismiss the rest; the dashboard’s forecast counts on what is listed here.
      </p>

      <div className="notice-bar">
        <p
          className={notice?.error ? 'notice notice-error' : 'notice'}
          role={notice?.error ? 'alert' : 'status'}
          aria-live="polite"
        >
          {notice?.text}
        </p>
        {notice?.undo && (
          <button
            ref={undoButton}
            type="button"
            className="button secondary small"
            onClick={undo}
            disabled={update.isPending}
          >
            Undo
          </button>
        )}
      </div>

      {list.isPending ? (
        <Loading label="Looking for recurring payments…" />
      ) : list.isError ? (
        <ErrorState error={list.error} retry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState level={2} title="No recurring payments found yet">
          <p>
            finsight spots rent, salary, subscriptions and other regular payments once they have happened a
            few times, usually after two or three months of history. Keep adding transactions, or{' '}
            <Link href="/import">import your bank’s statements</Link>, and they will show up here.
          </p>
          {!showDismissed && <p>Dismissed payments are hidden: tick “Show dismissed” to see them.</p>}
        </EmptyState>
      ) : (
        <>
          <p className="muted">
            {countOf(active.length, 'recurring payment', 'recurring payments', locale)}
            {showDismissed && items.length > active.length
              ? `, ${formatCount(items.length - active.length, locale)} dismissed`
              : ''}
          </p>
          {/* Each series is an h3: the list's heading keeps the outline in order for screen readers. */}
          <h2 className="visually-hidden">Your recurring payments</h2>
          <ul className="series-list" aria-busy={list.isFetching}>
            {items.map((series) => (
              <SeriesItem
                key={series.id}
                series={series}
                editing={editing === series.id}
                busy={update.isPending && update.variables?.id === series.id}
                onStatus={(status) => setStatus(series, status)}
                onEdit={(open) => {
                  setNotice(null);
                  setEditing(open ? series.id : null);
                }}
                onEdited={(text) => {
                  setNotice({ text, error: false });
                  setEditing(null);
                }}
              />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
