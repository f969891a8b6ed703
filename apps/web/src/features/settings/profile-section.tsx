import { useId, useMemo, useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { formatMoney } from '../../lib/format';
import { browserLocale } from '../../lib/locale';
import { useNotice } from '../../lib/notice';
import { updateProfileInput } from '../../lib/schemas';
import { browserTimeZone } from '../../lib/session';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import {
  currencyChoices,
  currencyFromText,
  currencyLabel,
  localeChoices,
  localeFromText,
  localeLabel,
} from './choices';

type Profile = RouterOutputs['auth']['me'];

const CURRENCY_PROBLEM = 'Choose a currency from the list, or type its code, e.g. EUR.';
const LOCALE_PROBLEM = 'Choose a language and region from the list, or type its code, e.g. de-DE.';

/** Username, currency, language and region, and time zone: saved together, with one notice. */
export function ProfileSection({ profile }: { profile: Profile }) {
  const utils = trpc.useUtils();
  const currencies = useMemo(currencyChoices, []);
  const locales = useMemo(localeChoices, []);
  const browserDefault = `Browser default (${browserLocale()})`;
  const [values, setValues] = useState({
    username: profile.username,
    currency: currencyLabel(profile.preferredCurrency),
    locale: profile.locale ? localeLabel(profile.locale) : browserDefault,
    timeZone: profile.timeZone,
  });
  const [notice, setNotice] = useNotice<string>();
  const update = trpc.auth.updateProfile.useMutation();
  const currency = currencyFromText(values.currency, currencies);
  const locale = localeFromText(values.locale, locales, browserDefault);
  const { errors, problem, submit } = useFormSubmit(
    updateProfileInput,
    // A name nobody can save goes to the schema as it was typed, so the field says what to do.
    () => ({
      username: values.username,
      preferredCurrency: currency ?? values.currency,
      timeZone: values.timeZone,
      locale: locale === undefined ? values.locale : locale,
    }),
    async (data) => {
      const next = await update.mutateAsync(data);
      utils.auth.me.setData(undefined, next);
      // "This month" may have moved with the time zone.
      await utils.insights.invalidate();
      setNotice('Profile saved.');
    },
  );
  const zones = ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  const change =
    (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
      setNotice(null);
      setValues((current) => ({ ...current, [key]: event.target.value }));
    };
  const browserZone = browserTimeZone();
  const currencyList = useId();
  const localeList = useId();
  const exampleLocale = locale ?? browserLocale();

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
          errors={errors.preferredCurrency && (currency ? errors.preferredCurrency : [CURRENCY_PROBLEM])}
          hint={
            currency
              ? `Example: ${formatMoney('1234.50', currency, exampleLocale)}. Type to search by name or code.`
              : 'Type to search by name or code.'
          }
        >
          <input
            list={currencyList}
            value={values.currency}
            onChange={change('currency')}
            onFocus={(event) => event.currentTarget.select()}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <datalist id={currencyList}>
          {currencies.map((choice) => (
            <option key={choice.value} value={choice.label} />
          ))}
        </datalist>
        <Field
          label="Language and region"
          errors={errors.locale && (locale === undefined ? [LOCALE_PROBLEM] : errors.locale)}
          hint={`How amounts and dates are written, e.g. ${formatMoney('1234.50', currency ?? profile.preferredCurrency, exampleLocale)}. Type to search.`}
        >
          <input
            list={localeList}
            value={values.locale}
            onChange={change('locale')}
            onFocus={(event) => event.currentTarget.select()}
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <datalist id={localeList}>
          <option value={browserDefault} />
          {locales.map((choice) => (
            <option key={choice.value} value={choice.label} />
          ))}
        </datalist>
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
