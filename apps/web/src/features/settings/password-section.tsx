import { useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { useNotice } from '../../lib/notice';
import { changePasswordInput, passwordProblems } from '../../lib/schemas';
import { type RouterOutputs, tokenStore, trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';

type Profile = RouterOutputs['auth']['me'];

export function PasswordSection({ profile }: { profile: Profile }) {
  const utils = trpc.useUtils();
  const [values, setValues] = useState({ oldPassword: '', newPassword: '' });
  const [notice, setNotice] = useNotice<string>();
  const change = trpc.auth.changePassword.useMutation();
  // The registration rules, with this user's name and email, as they type.
  const schema = changePasswordInput.superRefine((input, ctx) => {
    for (const message of passwordProblems(input.newPassword, profile)) {
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message });
    }
  });
  const { errors, problem, submit } = useFormSubmit(
    schema,
    () => values,
    async (data) => {
      // This device keeps going with the fresh session; every other one is signed out.
      tokenStore.set(await change.mutateAsync(data));
      setValues({ oldPassword: '', newPassword: '' });
      setNotice('Password changed. Every other device has been signed out.');
      await utils.sessions.list.invalidate();
    },
  );
  const set = (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) => {
    setNotice(null);
    setValues((current) => ({ ...current, [key]: event.target.value }));
  };
  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form onSubmit={submit} noValidate>
        <FormError message={problem} />
        <Field label="Current password" errors={errors.oldPassword}>
          <input
            type="password"
            autoComplete="current-password"
            value={values.oldPassword}
            onChange={set('oldPassword')}
          />
        </Field>
        <Field
          label="New password"
          errors={errors.newPassword}
          hint="At least 8 characters, not a common password"
        >
          <input
            type="password"
            autoComplete="new-password"
            value={values.newPassword}
            onChange={set('newPassword')}
          />
        </Field>
        <button type="submit" className="button" disabled={change.isPending}>
          {change.isPending ? 'Changing…' : 'Change password'}
        </button>
        <p className="notice" role="status" aria-live="polite">
          {notice}
        </p>
      </form>
    </section>
  );
}
