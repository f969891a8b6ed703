import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { countOf, formatDate, formatDateTime } from '../../lib/format';
import { formatCount } from '../../lib/intl-formats';
import { useLocale } from '../../lib/locale';
import { useNotice } from '../../lib/notice';
import { Link } from '../../lib/router';
import { type RouterOutputs, trpc } from '../../lib/trpc';

type ImportRecord = RouterOutputs['imports']['list'][number];

/** Earlier imports, newest first, each with Undo. */
export function ImportHistory() {
  const utils = trpc.useUtils();
  const history = trpc.imports.list.useQuery();
  const accounts = trpc.accounts.list.useQuery();
  const undo = trpc.imports.undo.useMutation({ onSuccess: () => utils.invalidate() });
  const [undoing, setUndoing] = useState<ImportRecord | null>(null);
  const locale = useLocale();
  const number = (count: number) => formatCount(count, locale);
  // A success message goes when an error shows anywhere on the page (lib/notice.ts).
  const [notice, setNotice] = useNotice<{ text: string; error: boolean }>();
  const accountName = (id: number) => accounts.data?.find((account) => account.id === id)?.name ?? '';

  const confirm = () => {
    const target = undoing;
    setUndoing(null);
    if (!target) return;
    undo.mutate(
      { id: target.id },
      {
        onSuccess: ({ removed }) =>
          setNotice({
            text: `Undid the import of ${target.fileName || 'the file'}: removed ${countOf(removed, 'transaction', 'transactions', locale)}.`,
            error: false,
          }),
        onError: (error) => setNotice({ text: messageOf(error), error: true }),
      },
    );
  };

  return (
    <section aria-labelledby="history-title" className="import-history">
      <h2 id="history-title">Past imports</h2>
      <p
        className={notice?.error ? 'notice notice-error' : 'notice'}
        role={notice?.error ? 'alert' : 'status'}
        aria-live="polite"
      >
        {notice?.text}
      </p>
      {history.isPending ? (
        <Loading label="Loading past imports…" />
      ) : history.isError ? (
        <ErrorState error={history.error} retry={() => void history.refetch()} />
      ) : history.data.length === 0 ? (
        <EmptyState title="No imports yet" />
      ) : (
        // Scrolls sideways on a phone: focusable, so the keyboard can scroll it too.
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard
        <section className="table-wrap" tabIndex={0} aria-label="Past imports table">
          <table>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">File</th>
                <th scope="col">Account</th>
                <th scope="col">Dates</th>
                <th scope="col" className="num">
                  Imported
                </th>
                <th scope="col" className="num">
                  Duplicates
                </th>
                <th scope="col" className="num">
                  Errors
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {history.data.map((record) => (
                <tr key={record.id}>
                  <td className="nowrap">{formatDateTime(record.createdAt, locale)}</td>
                  <td className="file-name">
                    {record.fileName || '—'} <span className="muted">({record.format.toUpperCase()})</span>
                  </td>
                  <td>
                    <Link href={`/accounts/${record.accountId}`}>{accountName(record.accountId)}</Link>
                  </td>
                  <td className="nowrap">
                    {record.firstDate && record.lastDate
                      ? `${formatDate(record.firstDate, locale)} – ${formatDate(record.lastDate, locale)}`
                      : '—'}
                  </td>
                  <td className="num">{number(record.imported)}</td>
                  <td className="num">{number(record.duplicatesSkipped)}</td>
                  <td className="num">{number(record.errors)}</td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button link danger"
                      disabled={undo.isPending}
                      onClick={() => setUndoing(record)}
                      aria-label={`Undo the import of ${record.fileName || 'a file'} on ${formatDateTime(record.createdAt, locale)}`}
                    >
                      Undo
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <ConfirmDialog
        open={undoing !== null}
        title="Undo this import?"
        message={
          undoing
            ? `Removes what ${undoing.fileName || 'the file'} brought in (${countOf(undoing.imported, 'transaction', 'transactions', locale)}), also if you edited them since.`
            : ''
        }
        confirmLabel="Undo import"
        onConfirm={confirm}
        onCancel={() => setUndoing(null)}
      />
    </section>
  );
}
