import { formatDate, lastDayOf } from '../../lib/format';
import { Link } from '../../lib/router';
import type { RouterOutputs } from '../../lib/trpc';
import { anomalyText, type Formats } from './narrative-text';

type Report = RouterOutputs['insights']['anomalies'];

const titles: Record<Report['anomalies'][number]['kind'], string> = {
  category_spike: 'Unusually high spending',
  large_transaction: 'Unusually large expense',
  new_category: 'New kind of spending',
};

export function AnomalyList({
  report,
  formats,
  locale,
}: {
  report: Report;
  formats: Formats;
  locale: string;
}) {
  if (report.historyMonths < 3) {
    return (
      <p className="muted">
        finsight compares each month with your own history; warnings start once there are three months of
        spending to compare with.
      </p>
    );
  }
  if (report.anomalies.length === 0) {
    return <p className="muted">Nothing unusual this month: spending looks like your recent months.</p>;
  }
  const range = `from=${report.month}-01&to=${lastDayOf(report.month)}`;
  return (
    <ul className="anomalies">
      {report.anomalies.map((anomaly) => (
        <li
          key={`${anomaly.kind}-${anomaly.categoryId}-${anomaly.transactionId ?? ''}`}
          className={`anomaly ${anomaly.kind}`}
        >
          <strong>{titles[anomaly.kind]}</strong>
          <p>{anomalyText(anomaly, formats, (date) => formatDate(date, locale))}</p>
          <Link
            href={
              anomaly.transactionId
                ? `/transactions?${range}&category=${anomaly.categoryId}&highlight=${anomaly.transactionId}`
                : `/transactions?${range}&category=${anomaly.categoryId}`
            }
          >
            {anomaly.transactionId ? 'See the transaction' : `See ${anomaly.category} transactions`}
          </Link>
        </li>
      ))}
    </ul>
  );
}
