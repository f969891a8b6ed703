import { useState } from 'react';
import { ErrorState, Loading } from '../../components/states';
import { formatDateTime } from '../../lib/format';
import { type RouterOutputs, trpc } from '../../lib/trpc';

type Delivery = RouterOutputs['notifications']['deliveries']['results'][number];

const PAGE_SIZE = 10;

function statusOf(delivery: Delivery): { label: string; className: string; detail: string | null } {
  if (delivery.status === 'DELIVERED') return { label: 'Delivered', className: 'badge', detail: null };
  if (delivery.status === 'FAILED') return { label: 'Failed', className: 'badge warn-badge', detail: null };
  if (delivery.attempts === 0) return { label: 'Waiting', className: 'badge muted-badge', detail: null };
  const detail = delivery.nextAttemptAt ? `next try ${formatDateTime(delivery.nextAttemptAt)}` : null;
  return { label: 'Retrying', className: 'badge warn-badge', detail };
}

/** What the receiver said last time, in a few words. */
function lastAnswer(delivery: Delivery): string {
  if (delivery.error) return delivery.error;
  if (delivery.responseStatus !== null) return `HTTP ${delivery.responseStatus}`;
  if (delivery.status === 'DELIVERED')
    return delivery.channel === 'EMAIL' ? 'Accepted by the mail server' : 'OK';
  return '—';
}

/** Every webhook call and digest mail, newest first, a page at a time. */
export function DeliveryLog() {
  const [offset, setOffset] = useState(0);
  const page = trpc.notifications.deliveries.useQuery(
    { limit: PAGE_SIZE, offset },
    { placeholderData: (previous) => previous },
  );
  return (
    <>
      <h3 id="deliveries-title">Delivery log</h3>
      {page.isPending ? (
        <Loading label="Loading the delivery log…" />
      ) : page.isError ? (
        <ErrorState error={page.error} retry={() => void page.refetch()} />
      ) : page.data.count === 0 ? (
        <p className="muted">
          Nothing sent yet. Each digest mail and webhook call will be listed here, with what the other side
          answered.
        </p>
      ) : (
        <>
          <div className="table-wrap">
            <table aria-labelledby="deliveries-title">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Sent to</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Last answer</th>
                </tr>
              </thead>
              <tbody>
                {page.data.results.map((delivery) => {
                  const status = statusOf(delivery);
                  return (
                    <tr key={delivery.id}>
                      <td>{formatDateTime(delivery.lastAttemptAt ?? delivery.createdAt)}</td>
                      <td>
                        {delivery.channel === 'EMAIL' ? 'Digest to ' : 'Webhook '}
                        <code>{delivery.target}</code>
                      </td>
                      <td>
                        <span className={status.className}>{status.label}</span>
                        {status.detail && (
                          <>
                            <br />
                            <small className="muted">{status.detail}</small>
                          </>
                        )}
                      </td>
                      <td className="num">{delivery.attempts}</td>
                      <td>{lastAnswer(delivery)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Delivery log pages">
            <button
              type="button"
              className="button secondary small"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
            >
              Newer
            </button>
            <span>
              {offset + 1}–{Math.min(offset + PAGE_SIZE, page.data.count)} of {page.data.count}
            </span>
            <button
              type="button"
              className="button secondary small"
              disabled={offset + PAGE_SIZE >= page.data.count}
              onClick={() => setOffset(offset + PAGE_SIZE)}
            >
              Older
            </button>
          </nav>
        </>
      )}
    </>
  );
}
