import { useEffect, useRef } from 'react';
import { FormError } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { countOf } from '../../lib/format';
import { formatCount } from '../../lib/intl-formats';
import { useLocale } from '../../lib/locale';
import { Link } from '../../lib/router';
import type { ImportResult } from '../../lib/schemas';
import { trpc } from '../../lib/trpc';

/** What the import did, with Undo and the way to the account; focus lands on its heading. */
export function ImportSummary({
  result,
  account,
  onAnother,
}: {
  result: ImportResult;
  account: { id: number; name: string } | undefined;
  onAnother: () => void;
}) {
  const utils = trpc.useUtils();
  const locale = useLocale();
  const number = (count: number) => formatCount(count, locale);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const undo = trpc.imports.undo.useMutation({ onSuccess: () => utils.invalidate() });
  const undone = undo.data;
  return (
    <section className="card import-summary" aria-labelledby="import-summary-title">
      <h2 id="import-summary-title" ref={heading} tabIndex={-1}>
        {undone ? 'Import undone' : 'Import complete'}
      </h2>
      <dl className="facts">
        <dt>Imported</dt>
        <dd>{number(result.imported)}</dd>
        <dt>Duplicates skipped</dt>
        <dd>{number(result.duplicatesSkipped)}</dd>
        <dt>Rows with errors skipped</dt>
        <dd>{number(result.errors)}</dd>
        <dt>Categories created</dt>
        <dd>{number(result.categoriesCreated)}</dd>
      </dl>
      <p className="notice" role="status" aria-live="polite">
        {undone
          ? `Import undone: removed ${countOf(undone.removed, 'transaction', 'transactions', locale)}.`
          : ''}
      </p>
      <FormError message={undo.isError ? messageOf(undo.error) : null} />
      <div className="actions start">
        {!undone && (
          <button
            type="button"
            className="button secondary"
            disabled={undo.isPending}
            onClick={() => undo.mutate({ id: result.id })}
          >
            {undo.isPending ? 'Undoing…' : 'Undo this import'}
          </button>
        )}
        {account && (
          <Link href={`/accounts/${account.id}`} className="button secondary">
            Open {account.name}
          </Link>
        )}
        <button type="button" className="button" onClick={onAnother}>
          Import another file
        </button>
      </div>
    </section>
  );
}
