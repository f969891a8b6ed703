import { loginInput, registerInput } from '@finsight/core/schemas';
import { useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { Link, navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';

function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <main id="main" className="auth">
      <div className="auth-card">
        <p className="brand-large" aria-hidden="true">
          finsight
        </p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}

export function LoginPage() {
  const { signIn } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = trpc.auth.login.useMutation();
  const { errors, problem, submit } = useFormSubmit(
    loginInput,
    () => ({ email, password }),
    async (data) => {
      const { access, refresh } = await login.mutateAsync(data);
      signIn({ access, refresh });
      navigate('/', { replace: true });
    },
  );

  return (
    <AuthCard title="Log in">
      <form onSubmit={submit} noValidate>
        <FormError message={problem} />
        <Field label="Email" errors={errors.email}>
          <input
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </Field>
        <Field label="Password" errors={errors.password}>
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </Field>
        <button type="submit" className="button" disabled={login.isPending}>
          {login.isPending ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <p className="switch">
        New to finsight? <Link href="/register">Create an account</Link>
      </p>
    </AuthCard>
  );
}

export function RegisterPage() {
  const { signIn } = useSession();
  const [values, setValues] = useState({ username: '', email: '', password: '' });
  const register = trpc.auth.register.useMutation();
  const login = trpc.auth.login.useMutation();
  const busy = register.isPending || login.isPending;
  const set = (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [key]: event.target.value }));
  const { errors, problem, submit } = useFormSubmit(
    registerInput,
    () => values,
    async (data) => {
      await register.mutateAsync(data);
      const { access, refresh } = await login.mutateAsync({ email: data.email, password: values.password });
      signIn({ access, refresh });
      navigate('/', { replace: true });
    },
  );

  return (
    <AuthCard title="Create your account">
      <form onSubmit={submit} noValidate>
        <FormError message={problem} />
        <Field label="Username" errors={errors.username} hint="Letters, digits and @ . + - _">
          <input autoComplete="username" value={values.username} onChange={set('username')} required />
        </Field>
        <Field label="Email" errors={errors.email}>
          <input type="email" autoComplete="email" value={values.email} onChange={set('email')} required />
        </Field>
        <Field label="Password" errors={errors.password} hint="At least 8 characters, not a common password">
          <input
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={set('password')}
            required
          />
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p className="switch">
        Already have an account? <Link href="/login">Log in</Link>
      </p>
    </AuthCard>
  );
}
