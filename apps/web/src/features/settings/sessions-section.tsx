import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorState, FormError, Loading } from '../../components/states';
import { describeDevice } from '../../lib/devices';
import { messageOf } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../lib/session';
import { trpc } from '../../lib/trpc';

/** Where the user is signed in: each session with its device and network, to end one or all of them. */
export function SessionsSection() {
  const { signOut } = useSession();
  const utils = trpc.useUtils();
  const sessions = trpc.sessions.list.useQuery();
  const revoke = trpc.sessions.revoke.useMutation({ onSettled: () => utils.sessions.list.invalidate() });
  const everywhere = trpc.auth.logoutAll.useMutation({ onSuccess: () => signOut() });
  const [confirming, setConfirming] = useState(false);

  return (
    <section className="card" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you’re signed in</h2>
      {sessions.isPending ? (
        <Loading />
      ) : sessions.isError ? (
        <ErrorState error={sessions.error} retry={() => void sessions.refetch()} />
      ) : (
        <ul className="sessions">
          {sessions.data.map((session) => (
            <li key={session.id} className="session">
              <div>
                <strong>{describeDevice(session.userAgent)}</strong>
                {session.current && <span className="badge">This device</span>}
                <br />
                <span className="muted">
                  {session.ipPrefix || 'unknown network'} · last active {formatDateTime(session.lastUsedAt)} ·
                  signed in {formatDateTime(session.createdAt)}
                </span>
              </div>
              {!session.current && (
                <button
                  type="button"
                  className="button secondary small"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate({ id: session.id })}
                  aria-label={`Sign out ${describeDevice(session.userAgent)}, last active ${formatDateTime(session.lastUsedAt)}`}
                >
                  Sign out
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <FormError
        message={
          revoke.error ? messageOf(revoke.error) : everywhere.error ? messageOf(everywhere.error) : null
        }
      />
      <button type="button" className="button secondary" onClick={() => setConfirming(true)}>
        Sign out everywhere
      </button>
      <ConfirmDialog
        open={confirming}
        title="Sign out everywhere?"
        message="Every device, this one included, will need your password again."
        confirmLabel="Sign out everywhere"
        onConfirm={() => {
          setConfirming(false);
          everywhere.mutate();
        }}
        onCancel={() => setConfirming(false)}
      />
    </section>
  );
}
