import { useMutation } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { queryClient, type RouterInputs, type RouterOutputs, trpc } from '../../lib/trpc';

type Page = RouterOutputs['transactions']['list'];
type Transaction = Page['items'][number];

/** A create with the key that makes a repeat of the same submission harmless (sent as `Idempotency-Key`). */
interface Keyed<Input> {
  input: Input;
  idempotencyKey: string;
}

/**
 * Create, transfer, update and delete with the cache kept honest: edits and deletes show at once (optimistic) and
 * roll back if the server refuses; afterwards lists and every insight are refetched so the dashboard
 * matches without a reload.
 */
export function useTransactionMutations() {
  const utils = trpc.useUtils();
  const listKey = getQueryKey(trpc.transactions.list, undefined, 'query');

  const patchLists = async (change: (items: Transaction[]) => Transaction[]) => {
    await queryClient.cancelQueries({ queryKey: listKey });
    const snapshot = queryClient.getQueriesData<Page>({ queryKey: listKey });
    queryClient.setQueriesData<Page>({ queryKey: listKey }, (page) =>
      page ? { ...page, items: change(page.items) } : page,
    );
    return snapshot;
  };
  const rollback = (snapshot: ReturnType<typeof queryClient.getQueriesData<Page>> | undefined) => {
    for (const [key, data] of snapshot ?? []) queryClient.setQueryData(key, data);
  };
  const refresh = () =>
    Promise.all([
      utils.transactions.invalidate(),
      utils.insights.invalidate(),
      utils.categories.invalidate(),
      // Balances and running balances move with every transaction.
      utils.accounts.invalidate(),
      // So do budgets and the forecast; an expense can take a budget past its limit and raise an alert.
      utils.budgets.invalidate(),
      utils.forecast.invalidate(),
      utils.recurring.invalidate(),
      utils.alerts.invalidate(),
    ]);

  // Creates go through the client per call: the idempotency key is the call's own, not the hook's.
  const create = useMutation({
    mutationFn: ({ input, idempotencyKey }: Keyed<RouterInputs['transactions']['create']>) =>
      utils.client.transactions.create.mutate(input, { context: { idempotencyKey } }),
    onSettled: refresh,
  });
  const transfer = useMutation({
    mutationFn: ({ input, idempotencyKey }: Keyed<RouterInputs['transactions']['transfer']>) =>
      utils.client.transactions.transfer.mutate(input, { context: { idempotencyKey } }),
    onSettled: refresh,
  });

  const update = trpc.transactions.update.useMutation({
    onMutate: (input) =>
      patchLists((items) =>
        items.map((item) =>
          item.id === input.id
            ? {
                ...item,
                ...(input.type ? { type: input.type } : {}),
                ...(input.date ? { date: input.date } : {}),
                ...(typeof input.note === 'string' ? { note: input.note } : {}),
                ...(typeof input.amount === 'string' ? { amount: input.amount } : {}),
                ...(typeof input.payee === 'string' ? { payee: input.payee } : {}),
              }
            : item,
        ),
      ),
    onError: (_error, _input, snapshot) => rollback(snapshot),
    onSettled: refresh,
  });

  const remove = trpc.transactions.delete.useMutation({
    onMutate: ({ id }) => patchLists((items) => items.filter((item) => item.id !== id)),
    onError: (_error, _input, snapshot) => rollback(snapshot),
    onSettled: refresh,
  });

  return { create, transfer, update, remove, refresh };
}
