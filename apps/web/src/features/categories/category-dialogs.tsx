import { useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { messageOf } from '../../lib/errors';
import { countOf } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { trpc } from '../../lib/trpc';
import { type Category, useInvalidateCategoryViews } from './category-row';

export interface Outcome {
  text: string;
  error: boolean;
}

/** The other categories, as a select. */
function TargetSelect({
  label,
  others,
  value,
  onChange,
}: {
  label: string;
  others: Category[];
  value: number | null;
  onChange: (id: number) => void;
}) {
  return (
    <Field label={label}>
      <select value={value ?? ''} onChange={(e) => onChange(Number(e.target.value))}>
        {others.map((other) => (
          <option key={other.id} value={other.id}>
            {other.name}
          </option>
        ))}
      </select>
    </Field>
  );
}

function useTarget(category: Category, categories: Category[]) {
  const others = categories.filter((other) => other.id !== category.id);
  const [chosen, setChosen] = useState<number | null>(null);
  // Until the user picks: the first category for the same side (income or expenses), else the first.
  const suggested =
    others.find((other) => other.kind === category.kind) ??
    others.find((other) => other.kind === null || category.kind === null) ??
    others[0] ??
    null;
  const target = others.find((other) => other.id === chosen) ?? suggested;
  return { others, target, choose: setChosen };
}

/**
 * Deleting a category. One that no transaction uses goes after a plain confirm; one in use asks where its
 * transactions should go first, and the server moves them and deletes the category in one step.
 */
export function DeleteCategoryDialog({
  category,
  categories,
  onDone,
  onCancel,
}: {
  category: Category;
  categories: Category[];
  onDone: (outcome: Outcome) => void;
  onCancel: () => void;
}) {
  const locale = useLocale();
  const invalidate = useInvalidateCategoryViews();
  const remove = trpc.categories.delete.useMutation({ onSettled: invalidate });
  const { others, target, choose } = useTarget(category, categories);
  const used = category.transactionCount;
  const transactions = countOf(used, 'transaction', undefined, locale);

  const confirm = () => {
    const reassignTo = used > 0 ? target?.id : undefined;
    if (used > 0 && reassignTo === undefined) return;
    remove.mutate(
      { id: category.id, reassignTo },
      {
        onSuccess: () =>
          onDone({
            text:
              used > 0 && target
                ? `Moved ${transactions} to “${target.name}” and deleted “${category.name}”.`
                : `Deleted “${category.name}”.`,
            error: false,
          }),
        onError: (error) => onDone({ text: messageOf(error), error: true }),
      },
    );
  };

  if (used === 0) {
    return (
      <ConfirmDialog
        open
        title={`Delete “${category.name}”?`}
        message={`No transaction uses ${category.name}. It will be deleted; this cannot be undone.`}
        confirmLabel="Delete"
        confirmDisabled={remove.isPending}
        onConfirm={confirm}
        onCancel={onCancel}
      />
    );
  }
  return (
    <ConfirmDialog
      open
      title={`Delete “${category.name}”?`}
      message={
        target
          ? `${category.name} has ${transactions}. Choose a category to move them to, with its rules and recurring payments; then ${category.name} is deleted.`
          : `${category.name} has ${transactions} and there is no other category to move them to. Add one first.`
      }
      confirmLabel="Move and delete"
      confirmDisabled={remove.isPending || !target}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      {target && <TargetSelect label="Move them to" others={others} value={target.id} onChange={choose} />}
    </ConfirmDialog>
  );
}

/** Merging a category into another: its transactions, rules, series and budget go there; it is deleted. */
export function MergeCategoryDialog({
  category,
  categories,
  onDone,
  onCancel,
}: {
  category: Category;
  categories: Category[];
  onDone: (outcome: Outcome) => void;
  onCancel: () => void;
}) {
  const locale = useLocale();
  const invalidate = useInvalidateCategoryViews();
  const merge = trpc.categories.merge.useMutation({ onSettled: invalidate });
  const { others, target, choose } = useTarget(category, categories);
  const transactions = countOf(category.transactionCount, 'transaction', undefined, locale);

  const confirm = () => {
    if (!target) return;
    merge.mutate(
      { id: category.id, into: target.id },
      {
        onSuccess: (result) =>
          onDone({
            text: `Merged “${category.name}” into “${target.name}”: ${countOf(result.moved, 'transaction', undefined, locale)} moved.`,
            error: false,
          }),
        onError: (error) => onDone({ text: messageOf(error), error: true }),
      },
    );
  };

  return (
    <ConfirmDialog
      open
      title={`Merge “${category.name}” into another category?`}
      message={
        target
          ? `${category.transactionCount > 0 ? `The ${transactions} of ${category.name}, its rules and recurring payments` : `The rules and recurring payments of ${category.name}`}, and its budget if ${target.name} has none, will move to ${target.name}. Then ${category.name} is deleted; this cannot be undone.`
          : 'There is no other category to merge into. Add one first.'
      }
      confirmLabel="Merge"
      confirmDisabled={merge.isPending || !target}
      onConfirm={confirm}
      onCancel={onCancel}
    >
      {target && <TargetSelect label="Merge into" others={others} value={target.id} onChange={choose} />}
    </ConfirmDialog>
  );
}
