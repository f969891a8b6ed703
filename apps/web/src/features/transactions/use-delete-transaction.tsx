import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { messageOf } from '../../lib/errors';
import { formatDate } from '../../lib/format';
import type { Transaction } from './transaction-table';
import { describeTransaction } from './transaction-text';
import { useTransactionMutations } from './use-transaction-mutations';

/**
 * Deleting a row after confirmation (both sides, for a transfer); the outcome goes to `onNotice`. Returns the
 * function that asks, and the dialog to render.
 */
export function useDeleteTransaction(onNotice: (message: string) => void) {
  const { remove } = useTransactionMutations();
  const [deleting, setDeleting] = useState<Transaction | null>(null);
  const transfer = deleting?.transferId != null;

  const confirm = () => {
    const target = deleting;
    setDeleting(null);
    if (!target) return;
    remove.mutate(
      { id: target.id },
      {
        onSuccess: () => onNotice(target.transferId !== null ? 'Transfer deleted.' : 'Transaction deleted.'),
        onError: (error) => onNotice(`Could not delete: ${messageOf(error)}`),
      },
    );
  };

  const dialog = (
    <ConfirmDialog
      open={deleting !== null}
      title={transfer ? 'Delete this transfer?' : 'Delete this transaction?'}
      message={
        deleting
          ? `${describeTransaction(deleting, formatDate)}.${
              transfer ? ' Both sides of the transfer are deleted.' : ''
            } This cannot be undone.`
          : ''
      }
      confirmLabel="Delete"
      onConfirm={confirm}
      onCancel={() => setDeleting(null)}
    />
  );
  return { ask: setDeleting, dialog };
}
