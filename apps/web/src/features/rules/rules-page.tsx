import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useMoneyFormat } from '../../components/money';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { countOf } from '../../lib/format';
import { formatCount } from '../../lib/intl-formats';
import { useLocale } from '../../lib/locale';
import { useNotice } from '../../lib/notice';
import { navigate, useLocation } from '../../lib/router';
import type { Rule } from '../../lib/schemas';
import { trpc } from '../../lib/trpc';
import { draftFromQuery, draftFromRule } from './rule-draft';
import { RuleForm } from './rule-form';
import { describeActions, describeConditions } from './rule-text';

type Notice = { text: string; error: boolean };

function RuleItem({
  rule,
  onEdit,
  onDelete,
  onApply,
  onNotice,
}: {
  rule: Rule;
  onEdit: () => void;
  onDelete: () => void;
  onApply: () => void;
  onNotice: (notice: Notice) => void;
}) {
  const locale = useLocale();
  const formatAmount = useMoneyFormat();
  const categories = trpc.categories.list.useQuery();
  const accounts = trpc.accounts.list.useQuery();
  const dryRun = trpc.rules.run.useMutation();
  const categoryName = (id: number) => categories.data?.find((category) => category.id === id)?.name;
  const accountName = (id: number) => accounts.data?.find((account) => account.id === id)?.name;
  const preview = () =>
    dryRun.mutate(
      { id: rule.id, dryRun: true },
      {
        onSuccess: ({ matched, changed }) =>
          onNotice({
            text: `“${rule.name}” matches ${countOf(matched, 'transaction', undefined, locale)}; applying it would change ${formatCount(changed, locale)}.`,
            error: false,
          }),
        onError: (error) => onNotice({ text: messageOf(error), error: true }),
      },
    );
  return (
    <li className="rule card">
      <h3>{rule.name}</h3>
      <p>
        <span className="muted">If </span>
        {describeConditions(rule, accountName, formatAmount)}
        <span className="muted"> then </span>
        {describeActions(rule, categoryName)}
      </p>
      <div className="row-actions rule-actions">
        <button
          type="button"
          className="button secondary small"
          disabled={dryRun.isPending}
          onClick={preview}
          aria-label={`Preview ${rule.name}`}
        >
          {dryRun.isPending ? 'Counting…' : 'Preview'}
        </button>
        <button
          type="button"
          className="button secondary small"
          onClick={onApply}
          aria-label={`Apply to existing transactions: ${rule.name}`}
        >
          Apply to existing transactions
        </button>
        <button type="button" className="button link" onClick={onEdit} aria-label={`Edit ${rule.name}`}>
          Edit
        </button>
        <button
          type="button"
          className="button link danger"
          onClick={onDelete}
          aria-label={`Delete ${rule.name}`}
        >
          Delete
        </button>
      </div>
    </li>
  );
}

/**
 * Rules categorise, rename and annotate transactions as they are imported; here they are listed, written,
 * tried (a dry run counts what would change) and applied to what is already there.
 */
export function RulesPage() {
  const location = useLocation();
  const utils = trpc.useUtils();
  const locale = useLocale();
  const rules = trpc.rules.list.useQuery();
  const remove = trpc.rules.delete.useMutation({ onSettled: () => utils.rules.invalidate() });
  const apply = trpc.rules.run.useMutation({
    onSuccess: () =>
      Promise.all([
        utils.transactions.invalidate(),
        utils.insights.invalidate(),
        utils.categories.invalidate(),
      ]),
  });
  const [editing, setEditing] = useState<Rule | null>(null);
  const [deleting, setDeleting] = useState<Rule | null>(null);
  const [applying, setApplying] = useState<Rule | null>(null);
  const [notice, setNotice] = useNotice<Notice>();
  const creating = location.query.get('new') === '1';

  const close = () => {
    setEditing(null);
    if (creating) navigate('/rules', { replace: true });
  };
  const confirmDelete = () => {
    const target = deleting;
    setDeleting(null);
    if (!target) return;
    remove.mutate(
      { id: target.id },
      {
        onSuccess: () => setNotice({ text: `Rule “${target.name}” deleted.`, error: false }),
        onError: (error) => setNotice({ text: messageOf(error), error: true }),
      },
    );
  };
  const confirmApply = () => {
    const target = applying;
    setApplying(null);
    if (!target) return;
    setNotice({ text: `Applying “${target.name}”…`, error: false });
    apply.mutate(
      { id: target.id, dryRun: false },
      {
        onSuccess: ({ matched, changed }) =>
          setNotice({
            text: `“${target.name}” changed ${countOf(changed, 'transaction', undefined, locale)} of the ${formatCount(matched, locale)} it matches.`,
            error: false,
          }),
        onError: (error) => setNotice({ text: messageOf(error), error: true }),
      },
    );
  };

  return (
    <div className="page narrow-wide">
      <div className="page-header">
        <h1>Rules</h1>
        {!creating && !editing && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setNotice(null);
              navigate('/rules?new=1');
            }}
          >
            New rule
          </button>
        )}
      </div>
      <p className="muted">
        Imports apply your rules to every new row. Make one from any transaction with its “Rule” button.
      </p>

      {(creating || editing) && (
        <section className="card" aria-labelledby="rule-form-title">
          <h2 id="rule-form-title">{editing ? `Edit “${editing.name}”` : 'New rule'}</h2>
          <RuleForm
            key={editing?.id ?? `new-${location.query.toString()}`}
            rule={editing ?? undefined}
            initial={editing ? draftFromRule(editing, locale) : draftFromQuery(location.query)}
            onCancel={close}
            onDone={(text) => {
              setNotice({ text, error: false });
              close();
            }}
          />
        </section>
      )}

      <p
        className={notice?.error ? 'notice notice-error' : 'notice'}
        role={notice?.error ? 'alert' : 'status'}
        aria-live="polite"
      >
        {notice?.text}
      </p>

      {rules.isPending ? (
        <Loading label="Loading rules…" />
      ) : rules.isError ? (
        <ErrorState error={rules.error} retry={() => void rules.refetch()} />
      ) : rules.data.length === 0 ? (
        <EmptyState level={2} title="No rules yet">
          <p>
            A rule such as “payee contains REWE → Groceries” sorts imported transactions for you. Create one
            here, or from a transaction’s “Rule” button.
          </p>
        </EmptyState>
      ) : (
        <>
          {/* Each rule is an h3: the list's heading keeps the outline in order for screen readers. */}
          <h2 className="visually-hidden">Your rules</h2>
          <ul className="rules">
            {rules.data.map((rule) => (
              <RuleItem
                key={rule.id}
                rule={rule}
                onNotice={setNotice}
                onEdit={() => {
                  setNotice(null);
                  setEditing(rule);
                }}
                onDelete={() => setDeleting(rule)}
                onApply={() => setApplying(rule)}
              />
            ))}
          </ul>
        </>
      )}

      <ConfirmDialog
        open={deleting !== null}
        title={`Delete the rule “${deleting?.name ?? ''}”?`}
        message="The rule is deleted and no longer applies to new transactions. Transactions it already changed stay as they are."
        confirmLabel="Delete rule"
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
      <ConfirmDialog
        open={applying !== null}
        title={`Apply “${applying?.name ?? ''}” to existing transactions?`}
        message="Every transaction it matches is changed now, and this cannot be undone. To see how many first, cancel and choose Preview."
        confirmLabel="Apply rule"
        onConfirm={confirmApply}
        onCancel={() => setApplying(null)}
      />
    </div>
  );
}
