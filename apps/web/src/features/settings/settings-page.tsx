import { useState } from 'react';
import { Field } from '../../components/field';
import { ErrorState, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatMoney } from '../../lib/format';
import { useProfile } from '../../lib/session';
import { trpc } from '../../lib/trpc';

const COMMON = [
  'USD',
  'EUR',
  'GBP',
  'JPY',
  'CHF',
  'CAD',
  'AUD',
  'INR',
  'CNY',
  'BRL',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'ZAR',
];

export function SettingsPage() {
  const profile = useProfile();
  const utils = trpc.useUtils();
  const [notice, setNotice] = useState<string | null>(null);
  const update = trpc.auth.updateProfile.useMutation({
    onSuccess: (next) => {
      utils.auth.me.setData(undefined, next);
      setNotice(`Amounts are now shown in ${next.preferredCurrency}.`);
    },
    onError: (error) => setNotice(messageOf(error)),
  });
  if (profile.isPending) return <Loading />;
  if (profile.isError) return <ErrorState error={profile.error} retry={() => void profile.refetch()} />;
  const all = Intl.supportedValuesOf('currency').filter((code) => !COMMON.includes(code));
  return (
    <div className="page narrow">
      <h1>Settings</h1>
      <section className="card">
        <h2>Account</h2>
        <dl className="facts">
          <dt>Username</dt>
          <dd>{profile.data.username}</dd>
          <dt>Email</dt>
          <dd>{profile.data.email}</dd>
        </dl>
      </section>
      <section className="card">
        <h2>Currency</h2>
        <Field
          label="Show amounts in"
          hint={`Example: ${formatMoney('1234.50', profile.data.preferredCurrency)}`}
        >
          <select
            value={profile.data.preferredCurrency}
            disabled={update.isPending}
            onChange={(event) => update.mutate({ preferredCurrency: event.target.value })}
          >
            <optgroup label="Common">
              {COMMON.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </optgroup>
            <optgroup label="All currencies">
              {all.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </optgroup>
          </select>
        </Field>
        <p className="notice" role="status" aria-live="polite">
          {notice}
        </p>
      </section>
    </div>
  );
}
