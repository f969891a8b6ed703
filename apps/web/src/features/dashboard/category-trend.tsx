import { useId, useState } from 'react';
import { ErrorState, Loading } from '../../components/states';
import { trpc } from '../../lib/trpc';
import { BarChart, type ChartSeries, EmptyChart } from './bar-chart';
import { ChartTable, chartIsEmpty, monthHref } from './trend-chart';

const INCOME: ChartSeries = { key: 'income', label: 'Income' };
const EXPENSE: ChartSeries = { key: 'expense', label: 'Spent' };

/**
 * One category over the last 12 months: the user picks it (the month's biggest expense to begin with), each
 * month's bar opens that category's transactions in that month.
 */
export function CategoryTrend({ month, suggested }: { month: string; suggested: number | undefined }) {
  const categories = trpc.categories.list.useQuery();
  const [picked, setPicked] = useState<number | undefined>(undefined);
  const selectId = useId();
  const categoryId = picked ?? suggested ?? categories.data?.[0]?.id;
  const category = categories.data?.find((candidate) => candidate.id === categoryId);
  const trend = trpc.insights.trend.useQuery(
    { endMonth: month, months: 12, categoryId },
    {
      enabled: categoryId !== undefined,
      placeholderData: (previous) => previous,
    },
  );

  const points = trend.data ?? [];
  const hasIncome = points.some((point) => point.income !== '0.00');
  const hasExpense = points.some((point) => point.expense !== '0.00');
  // An income category shows what came in; anything else what was spent (both when it has both).
  const series = hasIncome && hasExpense ? [INCOME, EXPENSE] : hasIncome ? [INCOME] : [EXPENSE];

  return (
    <section className="card wide category-trend" aria-labelledby="category-trend-title">
      <div className="card-title">
        <h2 id="category-trend-title">A category over time</h2>
        {categories.data && categories.data.length > 0 && (
          <div className="inline-field">
            <label htmlFor={selectId}>Category</label>
            <select
              id={selectId}
              value={categoryId ?? ''}
              onChange={(event) => setPicked(Number(event.target.value))}
            >
              {categories.data.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>
      {categories.isPending ? (
        <div className="chart-placeholder">
          <Loading />
        </div>
      ) : categories.isError ? (
        <ErrorState error={categories.error} retry={() => void categories.refetch()} />
      ) : !category ? (
        <EmptyChart>Create a category to follow its spending month by month.</EmptyChart>
      ) : trend.isPending ? (
        <div className="chart-placeholder">
          <Loading />
        </div>
      ) : trend.isError ? (
        <ErrorState error={trend.error} retry={() => void trend.refetch()} />
      ) : chartIsEmpty(points, series) ? (
        <EmptyChart>
          Nothing in {category.name} in these 12 months. Pick another category, or add a transaction in{' '}
          {category.name} to see it here.
        </EmptyChart>
      ) : (
        <figure className="chart" aria-busy={trend.isFetching}>
          <BarChart
            points={points}
            series={series}
            selected={month}
            label={`${category.name} by month`}
            hrefFor={(shown) => monthHref(shown, category.id)}
          />
          <ChartTable points={points} series={series} caption={`${category.name} by month`} />
        </figure>
      )}
    </section>
  );
}
