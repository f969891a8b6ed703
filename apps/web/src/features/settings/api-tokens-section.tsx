import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { ErrorState, FormError, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { API_TOKEN_SCOPES, createApiTokenInput } from '../../lib/schemas';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';

type ApiToken = RouterOutputs['apiTokens']['list'][number];

const LIFETIMES = [7, 30, 90, 365];

/** Personal API tokens for scripts and MCP clients: created (shown once), listed, revoked. */
export function ApiTokensSection() {
  const utils = trpc.useUtils();
  const tokens = trpc.apiTokens.list.useQuery();
  const create = trpc.apiTokens.create.useMutation({ onSettled: () => utils.apiTokens.list.invalidate() });
  const remove = trpc.apiTokens.delete.useMutation({ onSettled: () => utils.apiTokens.list.invalidate() });
  const [values, setValues] = useState({ name: '', scope: 'read' as 'read' | 'write', expiresInDays: 90 });
  const [created, setCreated] = useState<string | null>(null);
  const [doomed, setDoomed] = useState<ApiToken | null>(null);
  const { errors, problem, submit } = useFormSubmit(
    createApiTokenInput,
    () => values,
    async (data) => {
      setCreated((await create.mutateAsync(data)).token);
      setValues((current) => ({ ...current, name: '' }));
    },
  );

  return (
    <section className="card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">API tokens</h2>
      <p className="muted">
        For scripts and AI assistants (MCP): send as <code>Authorization: Bearer fs_…</code>. A read token can
        never change anything; no token can change your password or account.
      </p>
      {created && (
        <div className="created-token" role="status">
          <p>
            <strong>Copy your new token now</strong>, it will not be shown again:
          </p>
          <p>
            <code className="secret">{created}</code>{' '}
            <button
              type="button"
              className="button secondary small"
              onClick={() => void navigator.clipboard?.writeText(created)}
            >
              Copy
            </button>
          </p>
        </div>
      )}
      <form onSubmit={submit} noValidate aria-label="New API token" className="inline-form">
        <FormError message={problem} />
        <Field label="Name" errors={errors.name} hint="What it is for, e.g. “Claude Desktop”">
          <input
            value={values.name}
            onChange={(e) => setValues((current) => ({ ...current, name: e.target.value }))}
          />
        </Field>
        <Field label="Access" errors={errors.scope}>
          <select
            value={values.scope}
            onChange={(e) =>
              setValues((current) => ({ ...current, scope: e.target.value as 'read' | 'write' }))
            }
          >
            {API_TOKEN_SCOPES.map((scope) => (
              <option key={scope} value={scope}>
                {scope === 'read' ? 'Read only' : 'Read and write'}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Expires after" errors={errors.expiresInDays}>
          <select
            value={values.expiresInDays}
            onChange={(e) => setValues((current) => ({ ...current, expiresInDays: Number(e.target.value) }))}
          >
            {LIFETIMES.map((days) => (
              <option key={days} value={days}>
                {days} days
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button" disabled={create.isPending}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} retry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <p className="muted">No tokens yet.</p>
      ) : (
        <ul className="sessions">
          {tokens.data.map((token) => (
            <li key={token.id} className="session">
              <div>
                <strong>{token.name}</strong>{' '}
                <span className="badge">{token.scope === 'read' ? 'read only' : 'read & write'}</span>
                <br />
                <span className="muted">
                  <code>{token.prefix}…</code> ·{' '}
                  {token.lastUsedAt ? `last used ${formatDateTime(token.lastUsedAt)}` : 'never used'} ·{' '}
                  {token.expiresAt ? `expires ${formatDateTime(token.expiresAt)}` : 'never expires'}
                </span>
              </div>
              <button
                type="button"
                className="button link danger"
                onClick={() => setDoomed(token)}
                aria-label={`Revoke the token ${token.name}`}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
      <FormError message={remove.error ? messageOf(remove.error) : null} />
      <ConfirmDialog
        open={doomed !== null}
        title={`Revoke “${doomed?.name ?? ''}”?`}
        message="Anything using this token stops working at once."
        confirmLabel="Revoke"
        onConfirm={() => {
          if (doomed) remove.mutate({ id: doomed.id });
          setDoomed(null);
        }}
        onCancel={() => setDoomed(null)}
      />
    </section>
  );
}
