import { loginInput, registerInput } from '@finsight/core/schemas';
import { type FormEvent, useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { type FieldErrors, messageOf, serverFieldErrors } from '../../lib/errors';
import { Link, navigate } from '../../lib/router';
import { useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { validate } from '../../lib/validate';

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const login = trpc.auth.login.useMutation();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const checked = validate(loginInput, { email, password });
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    try {
      const { access, refresh } = await login.mutateAsync(checked.data);
      signIn({ access, refresh });
      navigate('/', { replace: true });
    } catch (error) {
      setErrors(serverFieldErrors(error));
      setProblem(messageOf(error));
    }
  };

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
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<string | null>(null);
  const register = trpc.auth.register.useMutation();
  const login = trpc.auth.login.useMutation();
  const busy = register.isPending || login.isPending;
  const set = (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [key]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    const checked = validate(registerInput, values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    try {
      await register.mutateAsync(checked.data);
      const { access, refresh } = await login.mutateAsync({
        email: checked.data.email,
        password: values.password,
      });
      signIn({ access, refresh });
      navigate('/', { replace: true });
    } catch (error) {
      setErrors(serverFieldErrors(error));
      setProblem(messageOf(error));
    }
  };

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
