import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Money, useMoneyFormat } from '../../components/money';
import { MonthPicker } from '../../components/month-picker';
import { EmptyState, ErrorState, Loading, UrlNotice } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatMonth, formatPercent, lastDayOf } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { useNotice } from '../../lib/notice';
import { Link, navigate, useLocation, withQuery } from '../../lib/router';
import { BUDGET_WARNING_PERCENT } from '../../lib/schemas';
import { useToday } from '../../lib/session';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { readMonth } from '../../lib/url-params';
import { useQueryParam } from '../../lib/url-state';
import { BudgetBar } from './budget-bar';
import { BudgetFigures } from './budget-figures';
import { BudgetForm } from './budget-form';
import { BudgetItem, type Notice } from './budget-item';
import { type BudgetLine, totalsUsage } from './budget-text';
import './budgets.css';

type Status = RouterOutputs['budgets']['status'];

function Totals({ status }: { status: Status }) {
  const { totals, month } = status;
  const locale = useLocale();
  return (
    <section className="card budget-totals" aria-labelledby="budget-totals-title">
      <h2 id="budget-totals-title">All budgets in {formatMonth(month, locale)}</h2>
      <BudgetBar line={totalsUsage(totals)} label="All budgets used" />
      <BudgetFigures
        spent={totals.spent}
        limit={totals.limit}
        limitLabel="Budgeted"
        remaining={totals.remaining}
      >
        <div>
          <dt>Unbudgeted spending</dt>
          <dd>
            <Money amount={status.unbudgeted} />{' '}
            <Link
              href={`/transactions?from=${month}-01&to=${lastDayOf(month)}&type=EXPENSE`}
              className="budget-see"
            >
              See all expenses<span className="visually-hidden"> in {formatMonth(month, locale)}</span>
            </Link>
          </dd>
        </div>
      </BudgetFigures>
    </section>
  );
}

/**
 * Budgets: a monthly limit per category, where each stands in a month (the current one unless the URL
 * says `?month=`), with the totals and the spending no budget covers. Added, changed and deleted here.
 */
export function BudgetsPage() {
  const location = useLocation();
  const utils = trpc.useUtils();
  const thisMonth = useToday().slice(0, 7);
  const locale = useLocale();
  const money = useMoneyFormat();
  // A month that does not exist (?month=2026-13) shows this month, and says so.
  const { value: month, notice: urlNotice } = useQueryParam(
    'month',
    readMonth,
    thisMonth,
    (shown) => `That month doesn't exist, so you're seeing ${formatMonth(shown, locale)}.`,
  );
  const creating = location.query.get('new') === '1';
  const setMonth = (next: string) =>
    navigate(withQuery(location, { month: next === thisMonth ? undefined : next }));

  const status = trpc.budgets.status.useQuery({ month }, { placeholderData: (previous) => previous });
  const budgets = trpc.budgets.list.useQuery();
  const categories = trpc.categories.list.useQuery();
  const remove = trpc.budgets.delete.useMutation({
    onSettled: () => Promise.all([utils.budgets.invalidate(), utils.forecast.invalidate()]),
  });
  const [deleting, setDeleting] = useState<BudgetLine | null>(null);
  // A success message goes when an error shows anywhere on the page (lib/notice.ts).
  const [notice, setNotice] = useNotice<Notice>();

  const budgeted = new Set(budgets.data?.map((budget) => budget.categoryId));
  const unbudgeted = categories.data?.filter((category) => !budgeted.has(category.id)) ?? [];
  const later = budgets.data?.filter((budget) => budget.startMonth > month) ?? [];
  const none = budgets.data?.length === 0;

  const openForm = () => {
    setNotice(null);
    navigate(withQuery(location, { new: '1' }));
  };
  const closeForm = () => navigate(withQuery(location, { new: undefined }), { replace: true });
  const confirmDelete = () => {
    const target = deleting;
    setDeleting(null);
    if (!target) return;
    remove.mutate(
      { id: target.budget },
      {
        onSuccess: () => setNotice({ text: `Budget for “${target.category}” deleted.`, error: false }),
        onError: (error) => setNotice({ text: messageOf(error), error: true }),
      },
    );
  };

  return (
    <div className="page narrow-wide">
      <div className="page-header">
        <h1>
          Budgets <span className="heading-month">{formatMonth(month, locale)}</span>
        </h1>
        <div className="header-actions">
          <MonthPicker month={month} onChange={setMonth} />
          {!creating && !none && (
            <button type="button" className="button" onClick={openForm}>
              Add a budget
            </button>
          )}
        </div>
      </div>
      <UrlNotice notice={urlNotice} />

      {creating && (
        <section className="card" aria-labelledby="budget-form-title">
          <h2 id="budget-form-title">New budget</h2>
          {categories.isPending || budgets.isPending ? (
            <Loading />
          ) : (
            <BudgetForm
              key={month}
              categories={unbudgeted}
              month={month}
              onCancel={closeForm}
              onDone={(text) => {
                setNotice({ text, error: false });
                closeForm();
              }}
            />
          )}
        </section>
      )}

      <p
        className={notice?.error ? 'notice notice-error' : 'notice'}
        role={notice?.error ? 'alert' : 'status'}
        aria-live="polite"
      >
        {notice?.text}
      </p>

      {status.isPending || budgets.isPending ? (
        <Loading label="Loading budgets…" />
      ) : status.isError ? (
        <ErrorState error={status.error} retry={() => void status.refetch()} />
      ) : budgets.isError ? (
        <ErrorState error={budgets.error} retry={() => void budgets.refetch()} />
      ) : none ? (
        !creating && (
          <EmptyState level={2} title="No budgets yet">
            <p>
              A budget gives a category a monthly limit, say {money('400.00')} for Groceries. finsight shows
              how much is left as you spend, warns you at {formatPercent(BUDGET_WARNING_PERCENT, locale)} and
              when you go over, and can carry what is left into the next month.
            </p>
            <button type="button" className="button" onClick={openForm}>
              Add a budget
            </button>
          </EmptyState>
        )
      ) : (
        <div aria-busy={status.isFetching}>
          {status.data.budgets.length === 0 ? (
            <EmptyState level={2} title={`No budgets in ${formatMonth(month, locale)}`}>
              <p>
                Your budgets start later. Choose a later month, or add a budget that starts here. Spent this
                month: <Money amount={status.data.unbudgeted} />.
              </p>
            </EmptyState>
          ) : (
            <>
              <Totals status={status.data} />
              <ul className="budgets" aria-label={`Budgets in ${formatMonth(month, locale)}`}>
                {status.data.budgets.map((line) => (
                  <BudgetItem
                    key={line.budget}
                    line={line}
                    month={month}
                    thisMonth={thisMonth}
                    onNotice={setNotice}
                    onDelete={() => setDeleting(line)}
                  />
                ))}
              </ul>
            </>
          )}
          {later.length > 0 && (
            <p className="muted">
              Starting later:{' '}
              {later
                .map((budget) => `${budget.category} (from ${formatMonth(budget.startMonth, locale)})`)
                .join(', ')}
            </p>
          )}
        </div>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the budget for “${deleting?.category ?? ''}”?`}
        message="Its limits, past and future, go with it. Your transactions stay as they are."
        confirmLabel="Delete"
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
