import { Money } from '../../components/money';
import { countOf, formatDate } from '../../lib/format';
import { formatCount } from '../../lib/intl-formats';
import { useLocale } from '../../lib/locale';
import type { CategorySource, ImportPreview } from '../../lib/schemas';

const SOURCES: Record<CategorySource, string> = {
  file: 'from the file',
  rule: 'by a rule',
  learned: 'as before',
  default: 'default',
};

/** The rows as they would be stored: errors with their line, duplicates marked, where each category comes from. */
export function PreviewTable({ preview, busy }: { preview: ImportPreview; busy: boolean }) {
  const { rows, summary } = preview;
  const locale = useLocale();
  return (
    <>
      {rows.length < summary.rows && (
        <p className="muted" id="preview-limit">
          Showing the first {formatCount(rows.length, locale)} of {formatCount(summary.rows, locale)} rows.
        </p>
      )}
      {/* Scrolls sideways on a phone: focusable, so the keyboard can scroll it too. */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard */}
      <section className="table-wrap preview-wrap" tabIndex={0} aria-label="Preview rows">
        <table className="preview">
          <caption className="visually-hidden">Rows of the file as they would be imported</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Line
              </th>
              <th scope="col">Date</th>
              <th scope="col">Payee</th>
              <th scope="col">Note</th>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Amount
              </th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody aria-busy={busy}>
            {rows.map((row) => (
              <tr
                key={row.line}
                className={row.error ? 'row-error' : row.duplicateOf !== null ? 'row-duplicate' : undefined}
              >
                <td className="num">{row.line}</td>
                <td className="date">{row.date ? formatDate(row.date, locale) : ''}</td>
                <td>{row.payee}</td>
                <td className="note">{row.note}</td>
                <td>
                  {row.category}
                  {row.categorySource && <span className="source">{SOURCES[row.categorySource]}</span>}
                </td>
                <td
                  className={`num ${row.type === 'INCOME' ? 'income' : row.type === 'EXPENSE' ? 'expense' : ''}`}
                >
                  {row.amount !== null && (
                    <>
                      {row.type === 'INCOME' ? '+' : '−'}
                      <Money amount={row.amount} />
                    </>
                  )}
                </td>
                <td className="status">
                  {row.error ? (
                    <span className="error">{row.error}</span>
                  ) : row.duplicateOf !== null ? (
                    <span className="badge warn-badge">Duplicate</span>
                  ) : (
                    <span className="muted">New</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}

/** "4 rows: 3 ready to import, 1 cannot be read", with the money in and out and the dates covered. */
export function PreviewSummary({ summary }: { summary: ImportPreview['summary'] }) {
  const locale = useLocale();
  const number = (count: number) => formatCount(count, locale);
  return (
    <p className="preview-summary">
      <strong>{countOf(summary.rows, 'row', 'rows', locale)}:</strong>{' '}
      {number(summary.valid - summary.duplicates)} new
      {summary.duplicates > 0 && `, ${number(summary.duplicates)} already in the account`}
      {summary.errors > 0 && `, ${number(summary.errors)} cannot be read`}.{' '}
      <span className="nowrap">
        In <Money amount={summary.income} />
      </span>
      ,{' '}
      <span className="nowrap">
        out <Money amount={summary.expense} />
      </span>
      {summary.firstDate && summary.lastDate && (
        <>
          , {formatDate(summary.firstDate, locale)} – {formatDate(summary.lastDate, locale)}
        </>
      )}
      .
    </p>
  );
}
