import { type ReactNode, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { Field } from '../../components/field';
import { OfflineBanner } from '../../components/offline-banner';
import { FormError } from '../../components/states';
import { Link, navigate, safeNext, useLocation } from '../../lib/router';
import {
  loginInput,
  passwordProblems,
  passwordResetConfirmInput,
  passwordResetInput,
  registerInput,
  secondFactorCode,
} from '../../lib/schemas';
import { browserTimeZone, useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';

function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main id="main" className="auth">
      <OfflineBanner />
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

const codeStep = z.strictObject({ code: secondFactorCode });

/** The page to come back to after logging in, kept when the user switches between log in and sign up. */
function keepNext(query: URLSearchParams): string {
  const next = query.get('next');
  return next ? `?${new URLSearchParams({ next })}` : '';
}

/** The second step of a login with 2FA: a code from the authenticator app, or a recovery code. */
function CodeStep({ mfaToken, onBack }: { mfaToken: string; onBack: () => void }) {
  const { signIn } = useSession();
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // The password step is gone: the code field is where the user continues.
  useEffect(() => input.current?.focus(), []);
  const loginWithCode = trpc.auth.loginWithCode.useMutation();
  const { errors, problem, submit } = useFormSubmit(
    codeStep,
    () => ({ code }),
    async (data) => {
      const { access, refresh } = await loginWithCode.mutateAsync({ mfaToken, code: data.code });
      signIn({ access, refresh });
    },
  );
  return (
    <AuthCard title="Two-factor authentication">
      <form onSubmit={submit} noValidate>
        <p>Enter the 6-digit code from your authenticator app.</p>
        <FormError message={problem} />
        <Field
          label="Code"
          errors={errors.code}
          hint="Lost your phone? Enter one of your recovery codes instead."
        >
          <input
            ref={input}
            autoComplete="one-time-code"
            inputMode="text"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            required
          />
        </Field>
        <button type="submit" className="button" disabled={loginWithCode.isPending}>
          {loginWithCode.isPending ? 'Checking…' : 'Verify'}
        </button>
      </form>
      <p className="switch">
        <button type="button" className="button link" onClick={onBack}>
          Back to the password
        </button>
      </p>
    </AuthCard>
  );
}

export function LoginPage() {
  const { signIn, ended } = useSession();
  const { query } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [mfaToken, setMfaToken] = useState<string | null>(null);
  const login = trpc.auth.login.useMutation();
  const { errors, problem, submit } = useFormSubmit(
    loginInput,
    () => ({ email, password }),
    async (data) => {
      const result = await login.mutateAsync(data);
      if (result.mfaRequired) setMfaToken(result.mfaToken);
      else signIn({ access: result.access, refresh: result.refresh });
    },
  );
  if (mfaToken) return <CodeStep mfaToken={mfaToken} onBack={() => setMfaToken(null)} />;
  const notice =
    query.get('reset') === 'done'
      ? 'Your password has been changed. Log in with the new one.'
      : ended
        ? 'Your session has ended. Log in again to continue.'
        : null;

  return (
    <AuthCard title="Log in">
      <form onSubmit={submit} noValidate>
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
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
        <Link href="/forgot-password">Forgot password?</Link>
      </p>
      <p className="switch">
        New to finsight? <Link href={`/register${keepNext(query)}`}>Create an account</Link>
      </p>
    </AuthCard>
  );
}

export function RegisterPage() {
  const { signIn } = useSession();
  const { query } = useLocation();
  const [values, setValues] = useState({ username: '', email: '', password: '' });
  const register = trpc.auth.register.useMutation();
  const login = trpc.auth.login.useMutation();
  const busy = register.isPending || login.isPending;
  const set = (key: keyof typeof values) => (event: React.ChangeEvent<HTMLInputElement>) =>
    setValues((current) => ({ ...current, [key]: event.target.value }));
  const { errors, problem, submit } = useFormSubmit(
    registerInput,
    // The browser's time zone decides what "this month" means for the new account.
    () => ({ ...values, timeZone: browserTimeZone() }),
    async (data) => {
      await register.mutateAsync(data);
      const result = await login.mutateAsync({ email: data.email, password: values.password });
      if (!result.mfaRequired) signIn({ access: result.access, refresh: result.refresh });
      navigate(safeNext(query.get('next')), { replace: true });
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
        Already have an account? <Link href={`/login${keepNext(query)}`}>Log in</Link>
      </p>
    </AuthCard>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const request = trpc.auth.requestPasswordReset.useMutation();
  const { errors, problem, submit } = useFormSubmit(
    passwordResetInput,
    () => ({ email }),
    async (data) => {
      await request.mutateAsync(data);
      setSent(true);
    },
  );
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <p className="notice" role="status">
          If an account uses {email}, a link to choose a new password is on its way. It works once, for 30
          minutes.
        </p>
      ) : (
        <form onSubmit={submit} noValidate>
          <p>Enter your account’s email and we’ll send you a link to choose a new password.</p>
          <FormError message={problem} />
          <Field label="Email" errors={errors.email}>
            <input
              type="email"
              autoComplete="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          </Field>
          <button type="submit" className="button" disabled={request.isPending}>
            {request.isPending ? 'Sending…' : 'Send the link'}
          </button>
        </form>
      )}
      <p className="switch">
        <Link href="/login">Back to log in</Link>
      </p>
    </AuthCard>
  );
}

export function ResetPasswordPage() {
  const { query } = useLocation();
  const token = query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const confirm = trpc.auth.confirmPasswordReset.useMutation();
  const { errors, problem, submit } = useFormSubmit(
    passwordResetConfirmInput.superRefine((input, ctx) => {
      for (const message of passwordProblems(input.newPassword, {})) {
        ctx.addIssue({ code: 'custom', path: ['newPassword'], message });
      }
    }),
    () => ({ token, newPassword: password }),
    async (data) => {
      await confirm.mutateAsync(data);
      navigate('/login?reset=done', { replace: true });
    },
  );
  if (!token) {
    return (
      <AuthCard title="Reset your password">
        <p className="form-error" role="alert">
          This page needs the link from the reset mail.{' '}
          <Link href="/forgot-password">Ask for a new one.</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <form onSubmit={submit} noValidate>
        <FormError message={errors.token?.[0] ?? problem} />
        <Field
          label="New password"
          errors={errors.newPassword}
          hint="At least 8 characters, not a common password"
        >
          <input
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </Field>
        <button type="submit" className="button" disabled={confirm.isPending}>
          {confirm.isPending ? 'Saving…' : 'Set the new password'}
        </button>
      </form>
      <p className="switch">
        <Link href="/forgot-password">Send a new link</Link>
      </p>
    </AuthCard>
  );
}
