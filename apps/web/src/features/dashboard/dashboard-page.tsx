import type { CSSProperties } from 'react';
import { Money, useMoneyFormat } from '../../components/money';
import { MonthPicker } from '../../components/month-picker';
import { EmptyState, ErrorState, Loading, UrlNotice } from '../../components/states';
import { formatMonth, formatPercent } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { Link, navigate, useLocation, withQuery } from '../../lib/router';
import { useToday } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { readMonth } from '../../lib/url-params';
import { useQueryParam } from '../../lib/url-state';
import { AnomalyList } from './anomaly-list';
import { BreakdownTable } from './breakdown';
import { BudgetCard } from './budget-card';
import { CategoryTrend } from './category-trend';
import { FirstRun } from './first-run';
import { ForecastCard } from './forecast-card';
import { formatsFor, narrativeSentences } from './narrative-text';
import { TrendChart } from './trend-chart';
import './dashboard.css';

/** A stat's value while it loads: the same height as the number it stands for. */
function Placeholder() {
  return (
    <span className="value placeholder" aria-hidden="true">
      …
    </span>
  );
}

/**
 * The figure's length as a CSS variable: dashboard.css sizes the figure so that many characters still fit
 * the card ("1.234.567,89 €" on a phone), and a short one keeps its full size.
 */
function figureFit(text: string | undefined): CSSProperties {
  return { '--chars': Math.max(8, text?.length ?? 8) } as CSSProperties;
}

export function DashboardPage() {
  const location = useLocation();
  // "This month" is the user's, in their own time zone: the month the server means too.
  const thisMonth = useToday().slice(0, 7);
  const locale = useLocale();
  const money = useMoneyFormat();
  const formats = formatsFor(locale, money, (isoMonth) => formatMonth(isoMonth, locale));
  // A month that does not exist (?month=2026-13) shows this month, and says so.
  const { value: month, notice } = useQueryParam(
    'month',
    readMonth,
    thisMonth,
    (shown) => `That month doesn't exist, so you're seeing ${formatMonth(shown, locale)}.`,
  );
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
        <h1>{formatMonth(month, locale)}</h1>
        <MonthPicker month={month} onChange={setMonth} />
      </div>
      <UrlNotice notice={notice} />

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
            <div className="card stat income" style={figureFit(totals.data && money(totals.data.income))}>
              <span className="label">Income</span>
              {totals.data ? <Money amount={totals.data.income} className="value" /> : <Placeholder />}
            </div>
            <div className="card stat expense" style={figureFit(totals.data && money(totals.data.expense))}>
              <span className="label">Expenses</span>
              {totals.data ? <Money amount={totals.data.expense} className="value" /> : <Placeholder />}
            </div>
            <div className="card stat savings" style={figureFit(totals.data && money(totals.data.savings))}>
              <span className="label">Savings</span>
              {totals.data ? <Money amount={totals.data.savings} className="value" /> : <Placeholder />}
            </div>
            <div
              className="card stat rate"
              style={figureFit(totals.data && formatPercent(totals.data.savingsRate, locale))}
            >
              <span className="label">Savings rate</span>
              {totals.data ? (
                <span className="value">{formatPercent(totals.data.savingsRate, locale)}</span>
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
          <p>{narrativeSentences(narrative.data, formats).join(' ')}</p>
        )}
      </section>

      <div className="grid planning">
        <BudgetCard month={month} thisMonth={thisMonth} />
        {/* The forecast is for the month under way; a past month's totals above say what it ended at. */}
        {month === thisMonth && <ForecastCard month={month} />}
      </div>

      <div className="grid">
        <section className="card wide" aria-labelledby="trend-title">
          <h2 id="trend-title">Month by month</h2>
          {trend.isPending ? (
            <div className="chart-placeholder">
              <Loading />
            </div>
          ) : trend.isError ? (
            <ErrorState error={trend.error} retry={() => void trend.refetch()} />
          ) : (
            <TrendChart trend={trend.data} selected={month} />
          )}
        </section>

        <CategoryTrend month={month} suggested={breakdown.data?.categories[0]?.categoryId} />

        <section className="card" aria-labelledby="breakdown-title">
          <h2 id="breakdown-title">Where the money went</h2>
          {breakdown.isPending ? (
            <Loading />
          ) : breakdown.isError ? (
            <ErrorState error={breakdown.error} retry={() => void breakdown.refetch()} />
          ) : breakdown.data.categories.length === 0 ? (
            <EmptyState title="No expenses this month">
              <Link href="/transactions?new=1">Add an expense</Link>
            </EmptyState>
          ) : (
            <BreakdownTable breakdown={breakdown.data} locale={locale} />
          )}
        </section>

        <section className="card" aria-labelledby="anomalies-title">
          <h2 id="anomalies-title">Worth a look</h2>
          {anomalies.isPending ? (
            <Loading />
          ) : anomalies.isError ? (
            <ErrorState error={anomalies.error} retry={() => void anomalies.refetch()} />
          ) : (
            <AnomalyList report={anomalies.data} formats={formats} locale={locale} />
          )}
        </section>
      </div>
    </div>
  );
}
