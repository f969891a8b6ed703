import { formatMoney } from '../lib/format';
import { useProfile } from '../lib/session';

/** An amount in the user's preferred currency. */
export function Money({ amount, className }: { amount: string; className?: string }) {
  const currency = useProfile().data?.preferredCurrency ?? 'USD';
  return <span className={`money ${className ?? ''}`}>{formatMoney(amount, currency)}</span>;
}

export function useMoneyFormat(): (amount: string) => string {
  const currency = useProfile().data?.preferredCurrency ?? 'USD';
  return (amount) => formatMoney(amount, currency);
}
