import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { ErrorState, FormError, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useNotice } from '../../lib/notice';
import { updateNotificationSettingsInput, WEBHOOK_HEADERS } from '../../lib/schemas';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import { DeliveryLog } from './delivery-log';

type Settings = RouterOutputs['notifications']['get'];
type Changed = RouterOutputs['notifications']['update'];

/** The secret of a webhook, shown the one time there is one to show, with how a receiver checks it. */
function NewSecret({ secret }: { secret: string }) {
  return (
    <div className="created-token" role="status">
      <p>
        <strong>Copy the signing secret now</strong>, it will not be shown again:
      </p>
      <p>
        <code className="secret">{secret}</code>{' '}
        <button
          type="button"
          className="button secondary small"
          onClick={() => void navigator.clipboard?.writeText(secret)}
        >
          Copy
        </button>
      </p>
      <p className="muted">Keep it with the program that receives the webhook, like a password.</p>
    </div>
  );
}

function HowToVerify() {
  return (
    <details>
      <summary>How your receiver can tell a request comes from finsight</summary>
      <p>
        Each alert arrives as a <code>POST</code> with a JSON body{' '}
        <code>{'{id, kind, message, link, data, created_at}'}</code>. The header{' '}
        <code>{WEBHOOK_HEADERS.signature}</code> holds <code>sha256=</code> and the hex HMAC-SHA256 of{' '}
        <code>
          {'<the '}
          {WEBHOOK_HEADERS.timestamp}
          {' header>.<the raw body>'}
        </code>
        , with the whole secret (<code>whsec_…</code>) as the key. Compute it yourself, compare the two in
        constant time, and refuse requests whose timestamp is more than five minutes old. In Node.js:
      </p>
      <p>
        <code>
          {`'sha256=' + crypto.createHmac('sha256', secret).update(timestamp + '.' + rawBody).digest('hex')`}
        </code>
      </p>
      <p className="muted">
        Answer with any 2xx status within 5 seconds. Anything else is tried again after 30 seconds, 2 minutes,
        10 minutes, 1 hour and 6 hours, then given up; redirects are not followed.{' '}
        <code>{WEBHOOK_HEADERS.delivery}</code> stays the same on every try of one alert.
      </p>
    </details>
  );
}

function DigestSwitch({ settings, onChanged }: { settings: Settings; onChanged: (next: Changed) => void }) {
  const update = trpc.notifications.update.useMutation({ onSuccess: onChanged });
  // The box follows the click at once, and goes back if the server refuses.
  const [checked, setChecked] = useState(settings.emailDigest);
  return (
    <>
      <label className="check">
        <input
          type="checkbox"
          checked={checked}
          disabled={update.isPending}
          onChange={(event) => {
            const next = event.target.checked;
            setChecked(next);
            update.mutate({ emailDigest: next }, { onError: () => setChecked(!next) });
          }}
        />
        Email me a daily digest of new alerts
      </label>
      <p className="muted">
        At most one mail a day, to your account’s address, and only on days with new alerts.
        {checked && settings.emailDigest && settings.lastDigestAt
          ? ` It covers what happened after ${formatDateTime(settings.lastDigestAt)}.`
          : ''}
      </p>
      <FormError message={update.error ? messageOf(update.error) : null} />
    </>
  );
}

function WebhookForm({ settings, onChanged }: { settings: Settings; onChanged: (next: Changed) => void }) {
  const [url, setUrl] = useState(settings.webhookUrl ?? '');
  const [secret, setSecret] = useState<string | null>(null);
  const [notice, setNotice] = useNotice<string>();
  const [confirming, setConfirming] = useState<'remove' | 'rotate' | null>(null);
  const changed = (next: Changed, message: string) => {
    onChanged(next);
    setSecret(next.webhookSecret ?? null);
    setNotice(message);
  };
  const update = trpc.notifications.update.useMutation();
  const rotate = trpc.notifications.rotateSecret.useMutation({
    onSuccess: (next) => changed(next, 'New secret made: the old one no longer works.'),
  });
  const remove = trpc.notifications.update.useMutation({
    onSuccess: (next) => {
      setUrl('');
      changed(next, 'Webhook removed.');
    },
  });
  const { errors, problem, submit } = useFormSubmit(
    updateNotificationSettingsInput,
    () => ({ webhookUrl: url.trim() === '' ? null : url }),
    async (data) => {
      const next = await update.mutateAsync(data);
      setUrl(next.webhookUrl ?? '');
      if (next.webhookSecret) changed(next, 'Webhook saved.');
      else {
        onChanged(next);
        setNotice(next.webhookUrl ? 'Nothing changed: that is the webhook already set.' : 'Webhook removed.');
      }
    },
  );
  const busy = update.isPending || rotate.isPending || remove.isPending;

  return (
    <>
      <h3>Webhook</h3>
      <p className="muted">
        finsight POSTs each new alert to this address as it happens, signed with a secret only you and
        finsight know. Use an <code>https://</code> address.
      </p>
      {secret && <NewSecret secret={secret} />}
      <form
        onSubmit={(event) => {
          setNotice(null);
          void submit(event);
        }}
        noValidate
        aria-label="Webhook"
        className="inline-form"
      >
        <FormError message={problem} />
        <Field
          label="Webhook URL"
          errors={errors.webhookUrl}
          hint={
            settings.webhookUrl
              ? 'A new address gets a new secret.'
              : 'e.g. https://hooks.example.com/finsight'
          }
        >
          <input
            type="url"
            inputMode="url"
            autoComplete="off"
            spellCheck={false}
            value={url}
            onChange={(event) => {
              setNotice(null);
              setUrl(event.target.value);
            }}
          />
        </Field>
        <button type="submit" className="button" disabled={busy}>
          {update.isPending ? 'Saving…' : 'Save webhook'}
        </button>
      </form>
      <p className="notice" role="status" aria-live="polite">
        {notice}
      </p>
      {settings.webhookUrl && (
        <>
          <p className="muted">
            {settings.webhookSince
              ? `Sending the alerts created since ${formatDateTime(settings.webhookSince)}. `
              : ''}
            {settings.webhookSecretSet ? 'Requests are signed with your secret.' : ''}
          </p>
          <div className="actions start">
            <button
              type="button"
              className="button secondary"
              disabled={busy}
              onClick={() => setConfirming('rotate')}
            >
              {rotate.isPending ? 'Making a new secret…' : 'New signing secret'}
            </button>
            <button
              type="button"
              className="button link danger"
              disabled={busy}
              onClick={() => setConfirming('remove')}
            >
              Remove webhook
            </button>
          </div>
          <HowToVerify />
        </>
      )}
      <FormError
        message={rotate.error ? messageOf(rotate.error) : remove.error ? messageOf(remove.error) : null}
      />
      <ConfirmDialog
        open={confirming !== null}
        title={confirming === 'rotate' ? 'Make a new signing secret?' : 'Remove the webhook?'}
        message={
          confirming === 'rotate'
            ? 'The current secret stops working at once: your receiver needs the new one before it can trust the next alert.'
            : 'No more alerts will be sent to it; alerts still waiting to be sent are dropped.'
        }
        confirmLabel={confirming === 'rotate' ? 'Make a new secret' : 'Remove'}
        onConfirm={() => {
          setNotice(null);
          if (confirming === 'rotate') rotate.mutate();
          else remove.mutate({ webhookUrl: null });
          setConfirming(null);
        }}
        onCancel={() => setConfirming(null)}
      />
    </>
  );
}

/** Alerts beyond the app: a daily email digest and a signed webhook, each optional, with what was sent. */
export function NotificationsSection() {
  const utils = trpc.useUtils();
  const settings = trpc.notifications.get.useQuery();
  const onChanged = (next: Changed) => {
    const { webhookSecret: _secret, ...rest } = next;
    utils.notifications.get.setData(undefined, rest);
    void utils.notifications.deliveries.invalidate();
  };

  return (
    <section className="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <p className="muted">
        Alerts (a budget running out, unusual spending, a changed subscription) always show in finsight. They
        can also reach you outside it.
      </p>
      {settings.isPending ? (
        <Loading />
      ) : settings.isError ? (
        <ErrorState error={settings.error} retry={() => void settings.refetch()} />
      ) : (
        <>
          <h3>Daily email</h3>
          <DigestSwitch settings={settings.data} onChanged={onChanged} />
          <WebhookForm settings={settings.data} onChanged={onChanged} />
        </>
      )}
      <DeliveryLog />
    </section>
  );
}
