import { useMoneyFormat } from '../../components/money';
import { formatMonth } from '../../lib/format';
import type { RouterOutputs } from '../../lib/trpc';

type Trend = RouterOutputs['insights']['trend'];

/** Income and expense side by side for each month; a table carries the same numbers for screen readers. */
export function TrendChart({ trend, selected }: { trend: Trend; selected: string }) {
  const money = useMoneyFormat();
  const max = Math.max(1, ...trend.flatMap((point) => [Number(point.income), Number(point.expense)]));
  const width = 640;
  const height = 200;
  const slot = width / trend.length;
  const bar = Math.max(4, slot / 2 - 6);
  const scale = (value: string) => (Number(value) / max) * (height - 24);
  return (
    <figure className="chart">
      <svg
        viewBox={`0 0 ${width} ${height + 20}`}
        role="img"
        aria-label="Income and expenses over the last 12 months"
      >
        {trend.map((point, index) => {
          const x = index * slot + 4;
          const month = point.month.slice(5);
          return (
            <g key={point.month} className={point.month === selected ? 'selected' : undefined}>
              <rect
                className="bar-income"
                x={x}
                y={height - scale(point.income)}
                width={bar}
                height={scale(point.income)}
                rx="2"
              >
                <title>{`${formatMonth(point.month)} income ${money(point.income)}`}</title>
              </rect>
              <rect
                className="bar-expense"
                x={x + bar + 2}
                y={height - scale(point.expense)}
                width={bar}
                height={scale(point.expense)}
                rx="2"
              >
                <title>{`${formatMonth(point.month)} expenses ${money(point.expense)}`}</title>
              </rect>
              <text x={x + bar} y={height + 16} textAnchor="middle" className="axis">
                {month}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="key key-income" aria-hidden="true" /> Income{' '}
        <span className="key key-expense" aria-hidden="true" /> Expenses
      </figcaption>
      <details className="chart-table">
        <summary>Show as a table</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col">Income</th>
              <th scope="col">Expenses</th>
              <th scope="col">Savings</th>
            </tr>
          </thead>
          <tbody>
            {trend.map((point) => (
              <tr key={point.month}>
                <th scope="row">{formatMonth(point.month, undefined, 'short')}</th>
                <td>{money(point.income)}</td>
                <td>{money(point.expense)}</td>
                <td>{money(point.savings)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
