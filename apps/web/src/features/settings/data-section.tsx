import { useState } from 'react';
import { Field } from '../../components/field';
import { FormError } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { useNotice } from '../../lib/notice';
import { downloadFile } from '../../lib/rest';
import { deleteAccountInput, resetAccountDataInput } from '../../lib/schemas';
import { useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';

/** A destructive step behind the password: resetting the data, or deleting the account. */
function PasswordConfirmed({
  label,
  busyLabel,
  schema,
  onConfirmed,
}: {
  label: string;
  busyLabel: string;
  schema: typeof deleteAccountInput | typeof resetAccountDataInput;
  onConfirmed: (password: string) => Promise<void>;
}) {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const { errors, problem, submit } = useFormSubmit(
    schema,
    () => ({ password }),
    async (data) => {
      setBusy(true);
      try {
        await onConfirmed(data.password);
        setPassword('');
      } finally {
        setBusy(false);
      }
    },
  );
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <FormError message={problem} />
      <Field label="Your password" errors={errors.password}>
        <input
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </Field>
      <button type="submit" className="button danger" disabled={busy}>
        {busy ? busyLabel : label}
      </button>
    </form>
  );
}

export function DataSection() {
  const { signOut } = useSession();
  const utils = trpc.useUtils();
  const [notice, setNotice] = useNotice<string>();
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);
  const removeDemo = trpc.demo.remove.useMutation();
  const resetData = trpc.auth.resetData.useMutation();
  const deleteAccount = trpc.auth.deleteAccount.useMutation();

  const exportNow = async () => {
    setProblem(null);
    setExporting(true);
    try {
      await downloadFile('/api/auth/me/export/', 'finsight-export.json');
      setNotice('Your export has been downloaded.');
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section className="card" aria-labelledby="data-title">
      <h2 id="data-title">Your data</h2>
      <p>Everything in your account — profile, categories and every transaction — as one JSON file.</p>
      <button
        type="button"
        className="button secondary"
        disabled={exporting}
        onClick={() => void exportNow()}
      >
        {exporting ? 'Preparing the export…' : 'Export my data'}
      </button>

      <h3>Demo data</h3>
      <p>Takes out what “Load demo data” added. What you entered yourself stays.</p>
      <button
        type="button"
        className="button secondary"
        disabled={removeDemo.isPending}
        onClick={() =>
          removeDemo.mutate(undefined, {
            onSuccess: async (removed) => {
              setNotice(
                removed.transactions === 0
                  ? 'There was no demo data to remove.'
                  : `Removed ${removed.transactions} demo transactions and ${removed.categories} demo categories.`,
              );
              await utils.invalidate();
            },
            onError: (error) => setProblem(messageOf(error)),
          })
        }
      >
        {removeDemo.isPending ? 'Removing…' : 'Remove demo data'}
      </button>

      <details>
        <summary>Start over: delete every transaction and category</summary>
        <p>Your login, settings and API tokens stay. This cannot be undone.</p>
        <PasswordConfirmed
          label="Delete all my data"
          busyLabel="Deleting…"
          schema={resetAccountDataInput}
          onConfirmed={async (password) => {
            const removed = await resetData.mutateAsync({ password });
            setNotice(`Deleted ${removed.transactions} transactions and ${removed.categories} categories.`);
            await utils.invalidate();
          }}
        />
      </details>

      <details>
        <summary>Delete my account</summary>
        <p>
          Your account and everything in it are deleted at once, and every device is signed out. Export first
          if you want to keep anything.
        </p>
        <PasswordConfirmed
          label="Delete my account"
          busyLabel="Deleting…"
          schema={deleteAccountInput}
          onConfirmed={async (password) => {
            await deleteAccount.mutateAsync({ password });
            signOut();
          }}
        />
      </details>
      <FormError message={problem} />
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
    </section>
  );
}
