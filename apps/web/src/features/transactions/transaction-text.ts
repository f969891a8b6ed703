/** How a transaction is named in words: pure, shared by labels, dialogs and the rule prefill. */

interface Described {
  type: 'INCOME' | 'EXPENSE';
  amount: string;
  date: string;
  payee: string;
  note: string;
  categoryId: number | null;
  categoryName: string | null;
  transferId: number | null;
}

/** "Groceries 120.50 on 2026-10-05, REWE": what a row's buttons say they act on. */
export function describeTransaction(
  transaction: Described,
  formatDay: (isoDate: string) => string = (isoDate) => isoDate,
): string {
  const what = transaction.transferId !== null ? 'Transfer' : (transaction.categoryName ?? '');
  const payee = transaction.payee ? `, ${transaction.payee}` : '';
  return `${what} ${transaction.amount} on ${formatDay(transaction.date)}${payee}`;
}

/**
 * "Transfer → Savings" for money leaving this account, "Transfer ← Main account" for money arriving; just
 * "Transfer" while the other account is not known yet.
 */
export function transferLabel(type: 'INCOME' | 'EXPENSE', otherAccount: string | undefined): string {
  if (!otherAccount) return 'Transfer';
  return type === 'EXPENSE' ? `Transfer → ${otherAccount}` : `Transfer ← ${otherAccount}`;
}

/**
 * The rules page's address prefilled from a transaction: a condition on its payee (or, without one, on its
 * note) and its category as the action.
 */
export function ruleFromTransactionHref(transaction: Described): string {
  const query = new URLSearchParams({ new: '1' });
  if (transaction.payee) query.set('payee', transaction.payee);
  else if (transaction.note) query.set('note', transaction.note);
  if (transaction.categoryId !== null) query.set('category', String(transaction.categoryId));
  return `/rules?${query}`;
}
