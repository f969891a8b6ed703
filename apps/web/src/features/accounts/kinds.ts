import type { AccountKind } from '../../lib/schemas';

/** How each kind of account reads in a sentence or a dropdown. */
export const KIND_LABELS: Record<AccountKind, string> = {
  CHECKING: 'Checking',
  SAVINGS: 'Savings',
  CREDIT_CARD: 'Credit card',
  CASH: 'Cash',
  OTHER: 'Other',
};
