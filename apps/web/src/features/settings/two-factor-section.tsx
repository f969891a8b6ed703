import { useState } from 'react';
import { renderSVG } from 'uqr';
import { Field } from '../../components/field';
import { ErrorState, FormError, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import {
  confirmTwoFactorInput,
  disableTwoFactorInput,
  regenerateRecoveryCodesInput,
} from '../../lib/schemas';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import { RecoveryCodes } from './recovery-codes';

/** The otpauth URI as a QR code image (an SVG data URL: the page's policy allows those, and no script runs). */
function QrCode({ uri }: { uri: string }) {
  const svg = renderSVG(uri, { border: 2 });
  return (
    <img
      className="qr"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      width={200}
      height={200}
      alt="QR code to scan with your authenticator app"
    />
  );
}

function Setup({ onDone }: { onDone: (codes: string[]) => void }) {
  const setup = trpc.twoFactor.setup.useMutation();
  const confirm = trpc.twoFactor.confirm.useMutation();
  const [code, setCode] = useState('');
  const { errors, problem, submit } = useFormSubmit(
    confirmTwoFactorInput,
    () => ({ code }),
    async (data) => onDone((await confirm.mutateAsync(data)).recoveryCodes),
  );
  if (!setup.data) {
    return (
      <>
        <p>
          Protect your account with a second step at login: a code from an authenticator app (1Password,
          Aegis, Google Authenticator…).
        </p>
        <FormError message={setup.error ? messageOf(setup.error) : null} />
        <button type="button" className="button" disabled={setup.isPending} onClick={() => setup.mutate()}>
          {setup.isPending ? 'Preparing…' : 'Set up two-factor authentication'}
        </button>
      </>
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label="Confirm two-factor authentication">
      <ol className="steps">
        <li>Scan this code with your authenticator app.</li>
        <li>Enter the 6-digit code the app shows.</li>
      </ol>
      <QrCode uri={setup.data.otpauthUri} />
      <p className="muted">
        Can’t scan? Enter this key instead: <code className="secret">{setup.data.secret}</code>
      </p>
      <FormError message={problem} />
      <Field label="Code from the app" errors={errors.code}>
        <input
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onChange={(e) => setCode(e.target.value)}
        />
      </Field>
      <button type="submit" className="button" disabled={confirm.isPending}>
        {confirm.isPending ? 'Checking…' : 'Turn on'}
      </button>
    </form>
  );
}

function Manage({ left, onCodes }: { left: number; onCodes: (codes: string[]) => void }) {
  const utils = trpc.useUtils();
  const disable = trpc.twoFactor.disable.useMutation();
  const regenerate = trpc.twoFactor.regenerateRecoveryCodes.useMutation();
  const [off, setOff] = useState({ password: '', code: '' });
  const [again, setAgain] = useState('');
  const turnOff = useFormSubmit(
    disableTwoFactorInput,
    () => off,
    async (data) => {
      await disable.mutateAsync(data);
      await Promise.all([utils.twoFactor.status.invalidate(), utils.auth.me.invalidate()]);
    },
  );
  const renew = useFormSubmit(
    regenerateRecoveryCodesInput,
    () => ({ password: again }),
    async (data) => {
      onCodes((await regenerate.mutateAsync(data)).recoveryCodes);
      setAgain('');
      await utils.twoFactor.status.invalidate();
    },
  );
  return (
    <>
      <p>
        Two-factor authentication is <strong>on</strong>. {left} of 10 recovery codes left.
      </p>
      <details>
        <summary>New recovery codes</summary>
        <form onSubmit={renew.submit} noValidate aria-label="New recovery codes">
          <FormError message={renew.problem} />
          <Field label="Password" errors={renew.errors.password}>
            <input
              type="password"
              autoComplete="current-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
            />
          </Field>
          <button type="submit" className="button secondary" disabled={regenerate.isPending}>
            Make new codes
          </button>
        </form>
      </details>
      <details>
        <summary>Turn off two-factor authentication</summary>
        <form onSubmit={turnOff.submit} noValidate aria-label="Turn off two-factor authentication">
          <FormError message={turnOff.problem} />
          <Field label="Password" errors={turnOff.errors.password}>
            <input
              type="password"
              autoComplete="current-password"
              value={off.password}
              onChange={(e) => setOff((current) => ({ ...current, password: e.target.value }))}
            />
          </Field>
          <Field label="Code from the app, or a recovery code" errors={turnOff.errors.code}>
            <input
              autoComplete="one-time-code"
              value={off.code}
              onChange={(e) => setOff((current) => ({ ...current, code: e.target.value }))}
            />
          </Field>
          <button type="submit" className="button danger" disabled={disable.isPending}>
            Turn off
          </button>
        </form>
      </details>
    </>
  );
}

export function TwoFactorSection() {
  const utils = trpc.useUtils();
  const status = trpc.twoFactor.status.useQuery();
  const [codes, setCodes] = useState<string[] | null>(null);
  const shown = async (next: string[]) => {
    setCodes(next);
    await Promise.all([utils.twoFactor.status.invalidate(), utils.auth.me.invalidate()]);
  };
  return (
    <section className="card" aria-labelledby="two-factor-title">
      <h2 id="two-factor-title">Two-factor authentication</h2>
      {codes && <RecoveryCodes codes={codes} />}
      {status.isPending ? (
        <Loading />
      ) : status.isError ? (
        <ErrorState error={status.error} retry={() => void status.refetch()} />
      ) : status.data.enabled ? (
        <Manage left={status.data.recoveryCodesLeft} onCodes={(next) => void shown(next)} />
      ) : (
        <Setup onDone={(next) => void shown(next)} />
      )}
    </section>
  );
}
