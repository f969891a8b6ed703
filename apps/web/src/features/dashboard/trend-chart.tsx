import { useMoneyFormat } from '../../components/money';
import { formatMonth, lastDayOf } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { BarChart, type ChartPoint, type ChartSeries, EmptyChart } from './bar-chart';

/** The transactions of a month, optionally of one category. */
export function monthHref(month: string, categoryId?: number): string {
  const range = `from=${month}-01&to=${lastDayOf(month)}`;
  return categoryId === undefined
    ? `/transactions?${range}`
    : `/transactions?${range}&category=${categoryId}`;
}

/** Nothing to draw: every month is zero in every series shown. */
export const chartIsEmpty = (points: ChartPoint[], series: ChartSeries[]) =>
  points.every((point) => series.every((one) => point[one.key] === '0.00'));

/** The same numbers as the chart, in a table a screen reader (or anyone) can read row by row. */
export function ChartTable({
  points,
  series,
  caption,
}: {
  points: ChartPoint[];
  series: ChartSeries[];
  caption: string;
}) {
  const locale = useLocale();
  const money = useMoneyFormat();
  return (
    <details className="chart-table">
      <summary>Show as a table</summary>
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {series.map((one) => (
                <th key={one.key} scope="col" className="num">
                  {one.label}
                </th>
              ))}
              {series.length > 1 && (
                <th scope="col" className="num">
                  Savings
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.month}>
                <th scope="row">{formatMonth(point.month, locale, 'short')}</th>
                {series.map((one) => (
                  <td key={one.key} className="num">
                    {money(point[one.key])}
                  </td>
                ))}
                {series.length > 1 && <td className="num">{money(point.savings)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

const BOTH: ChartSeries[] = [
  { key: 'income', label: 'Income' },
  { key: 'expense', label: 'Expenses' },
];

/** Income and expense side by side for each month; click a month for its transactions. */
export function TrendChart({ trend, selected }: { trend: ChartPoint[]; selected: string }) {
  if (chartIsEmpty(trend, BOTH)) {
    return (
      <EmptyChart>
        No income or expenses in these 12 months. Add a transaction or import a bank file, and each month
        shows here as a pair of bars.
      </EmptyChart>
    );
  }
  return (
    <figure className="chart">
      <BarChart
        points={trend}
        series={BOTH}
        selected={selected}
        label="Income and expenses by month"
        hrefFor={(month) => monthHref(month)}
      />
      <figcaption className="legend">
        <span className="key key-income" aria-hidden="true" /> Income{' '}
        <span className="key key-expense" aria-hidden="true" /> Expenses
      </figcaption>
      <ChartTable points={trend} series={BOTH} caption="Income, expenses and savings by month" />
    </figure>
  );
}
