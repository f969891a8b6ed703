import { formatMoney } from '../lib/format';
import { useLocale } from '../lib/locale';
import { useProfile } from '../lib/session';

/** An amount in the user's preferred currency, written the way their locale writes it. */
export function Money({ amount, className }: { amount: string; className?: string }) {
  const format = useMoneyFormat();
  return <span className={`money ${className ?? ''}`}>{format(amount)}</span>;
}

export function useMoneyFormat(): (amount: string) => string {
  const currency = useProfile().data?.preferredCurrency ?? 'USD';
  const locale = useLocale();
  return (amount) => formatMoney(amount, currency, locale);
}
