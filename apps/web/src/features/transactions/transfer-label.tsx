import { trpc } from '../../lib/trpc';
import { transferLabel } from './transaction-text';

/**
 * "Transfer → Savings": the list carries only the other side's id, so its account is looked up (the calls
 * of one page go out in one batched request and stay cached).
 */
export function TransferLabel({ type, transferId }: { type: 'INCOME' | 'EXPENSE'; transferId: number }) {
  const other = trpc.transactions.byId.useQuery({ id: transferId }, { staleTime: 5 * 60_000 });
  const accounts = trpc.accounts.list.useQuery();
  const name = accounts.data?.find((account) => account.id === other.data?.accountId)?.name;
  return <span className="transfer-label">{transferLabel(type, name)}</span>;
}
