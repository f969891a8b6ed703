import { Money } from '../../components/money';
import { MonthPicker } from '../../components/month-picker';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { formatMonth, formatPercent } from '../../lib/format';
import { Link, navigate, useLocation, withQuery } from '../../lib/router';
import { useToday } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { AnomalyList } from './anomaly-list';
import { BreakdownTable } from './breakdown';
import { BudgetCard } from './budget-card';
import { FirstRun } from './first-run';
import { ForecastCard } from './forecast-card';
import { TrendChart } from './trend-chart';

/** A stat's value while it loads: the same height as the number it stands for. */
function Placeholder() {
  return (
    <span className="value placeholder" aria-hidden="true">
      …
    </span>
  );
}

export function DashboardPage() {
  const location = useLocation();
  // "This month" is the user's, in their own time zone: the month the server means too.
  const thisMonth = useToday().slice(0, 7);
  const month = /^\d{4}-\d{2}$/.test(location.query.get('month') ?? '')
    ? (location.query.get('month') as string)
    : thisMonth;
  const setMonth = (next: string) =>
    navigate(withQuery(location, { month: next === thisMonth ? undefined : next }));

  const totals = trpc.insights.incomeVsExpense.useQuery({ month });
  const trend = trpc.insights.trend.useQuery({ endMonth: month, months: 12 });
  const breakdown = trpc.insights.breakdown.useQuery({ month });
  const anomalies = trpc.insights.anomalies.useQuery({ month });
  const narrative = trpc.insights.narrative.useQuery({ month });
  const anyTransactions = trpc.transactions.list.useQuery({ limit: 1 });

  if (anyTransactions.data && anyTransactions.data.items.length === 0) return <FirstRun />;

  return (
    <div className="page">
      <div className="page-header">
        <h1>{formatMonth(month)}</h1>
        <MonthPicker month={month} onChange={setMonth} />
      </div>

      <section aria-labelledby="totals-title" className="cards" aria-busy={totals.isPending}>
        <h2 id="totals-title" className="visually-hidden">
          Totals
        </h2>
        {totals.isError ? (
          <ErrorState error={totals.error} retry={() => void totals.refetch()} />
        ) : (
          // While loading, the cards are already there with a placeholder value: nothing moves when the
          // numbers arrive (the page's layout-shift score depends on it).
          <>
            <div className="card stat income">
              <span className="label">Income</span>
              {totals.data ? <Money amount={totals.data.income} className="value" /> : <Placeholder />}
            </div>
            <div className="card stat expense">
              <span className="label">Expenses</span>
              {totals.data ? <Money amount={totals.data.expense} className="value" /> : <Placeholder />}
            </div>
            <div className="card stat savings">
              <span className="label">Savings</span>
              {totals.data ? <Money amount={totals.data.savings} className="value" /> : <Placeholder />}
            </div>
            <div className="card stat rate">
              <span className="label">Savings rate</span>
              {totals.data ? (
                <span className="value">{formatPercent(totals.data.savingsRate)}</span>
              ) : (
                <Placeholder />
              )}
            </div>
          </>
        )}
      </section>

      <section className="card narrative" aria-labelledby="narrative-title">
        <h2 id="narrative-title">In short</h2>
        {narrative.isPending ? (
          <Loading label="Summarising the month…" />
        ) : narrative.isError ? (
          <ErrorState error={narrative.error} retry={() => void narrative.refetch()} />
        ) : (
          <p>{narrative.data.text}</p>
        )}
      </section>

      <div className="grid planning">
        <BudgetCard month={month} thisMonth={thisMonth} />
        {/* The forecast is for the month under way; a past month's totals above say what it ended at. */}
        {month === thisMonth && <ForecastCard month={month} />}
      </div>

      <div className="grid">
        <section className="card wide" aria-labelledby="trend-title">
          <h2 id="trend-title">Last 12 months</h2>
          {trend.isPending ? (
            <Loading />
          ) : trend.isError ? (
            <ErrorState error={trend.error} />
          ) : (
            <TrendChart trend={trend.data} selected={month} />
          )}
        </section>

        <section className="card" aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">Where the money went</h2>
          {breakdown.isPending ? (
            <Loading />
          ) : breakdown.isError ? (
            <ErrorState error={breakdown.error} />
          ) : breakdown.data.categories.length === 0 ? (
            <EmptyState title="No expenses this month">
              <Link href="/transactions?new=1">Add an expense</Link>
            </EmptyState>
          ) : (
            <BreakdownTable breakdown={breakdown.data} />
          )}
        </section>

        <section className="card" aria-labelledby="anomalies-title">
          <h2 id="anomalies-title">Worth a look</h2>
          {anomalies.isPending ? (
            <Loading />
          ) : anomalies.isError ? (
            <ErrorState error={anomalies.error} />
          ) : (
            <AnomalyList report={anomalies.data} />
          )}
        </section>
      </div>
    </div>
  );
}
