import { useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { formatMoney } from '../../lib/format';
import { updateProfileInput } from '../../lib/schemas';
import { browserTimeZone } from '../../lib/session';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';

const COMMON_CURRENCIES = [
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

type Profile = RouterOutputs['auth']['me'];

/** Username, currency and time zone: saved together, with one notice. */
export function ProfileSection({ profile }: { profile: Profile }) {
  const utils = trpc.useUtils();
  const [values, setValues] = useState({
    username: profile.username,
    preferredCurrency: profile.preferredCurrency,
    timeZone: profile.timeZone,
  });
  const [notice, setNotice] = useState<string | null>(null);
  const update = trpc.auth.updateProfile.useMutation();
  const { errors, problem, submit } = useFormSubmit(
    updateProfileInput,
    () => values,
    async (data) => {
      const next = await update.mutateAsync(data);
      utils.auth.me.setData(undefined, next);
      // "This month" may have moved with the time zone.
      await utils.insights.invalidate();
      setNotice('Profile saved.');
    },
  );
  const zones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  const others = Intl.supportedValuesOf('currency').filter((code) => !COMMON_CURRENCIES.includes(code));
  const change =
    (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      setNotice(null);
      setValues((current) => ({ ...current, [key]: event.target.value }));
    };
  const browserZone = browserTimeZone();

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <form onSubmit={submit} noValidate>
        <FormError message={problem} />
        <Field label="Username" errors={errors.username}>
          <input autoComplete="username" value={values.username} onChange={change('username')} />
        </Field>
        <p className="muted">Email: {profile.email}</p>
        <Field
          label="Show amounts in"
          errors={errors.preferredCurrency}
          hint={`Example: ${formatMoney('1234.50', values.preferredCurrency)}`}
        >
          <select value={values.preferredCurrency} onChange={change('preferredCurrency')}>
            <optgroup label="Common">
              {COMMON_CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </optgroup>
            <optgroup label="All currencies">
              {others.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </optgroup>
          </select>
        </Field>
        <Field
          label="Time zone"
          errors={errors.timeZone}
          hint="Decides when a month begins and ends for you, on every device."
        >
          <select value={values.timeZone} onChange={change('timeZone')}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
        </Field>
        {values.timeZone !== browserZone && zones.includes(browserZone) && (
          <p>
            <button
              type="button"
              className="button link"
              onClick={() => setValues((current) => ({ ...current, timeZone: browserZone }))}
            >
              Use this device’s time zone ({browserZone.replaceAll('_', ' ')})
            </button>
          </p>
        )}
        <button type="submit" className="button" disabled={update.isPending}>
          {update.isPending ? 'Saving…' : 'Save profile'}
        </button>
        <p className="notice" role="status" aria-live="polite">
          {notice}
        </p>
      </form>
    </section>
  );
}
