import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { type FieldErrors, messageOf, serverFieldErrors } from '../../lib/errors';
import { countOf } from '../../lib/format';
import { useLocale } from '../../lib/locale';
import { errorShown } from '../../lib/notice';
import { Link } from '../../lib/router';
import { createCategoryInput } from '../../lib/schemas';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { validate } from '../../lib/validate';
import { KindSelect } from './kind-select';
import { kindFromChoice, kindLabel } from './kinds';

export type Category = RouterOutputs['categories']['list'][number];

/** Everything that shows a category's name or kind must be refetched after it changes. */
export function useInvalidateCategoryViews() {
  const utils = trpc.useUtils();
  return () =>
    Promise.all([
      utils.categories.invalidate(),
      utils.transactions.invalidate(),
      utils.insights.invalidate(),
      utils.budgets.invalidate(),
      utils.rules.invalidate(),
    ]);
}

function CategoryEditor({
  category,
  onClose,
  onSaved,
}: {
  category: Category;
  onClose: () => void;
  onSaved: (text: string) => void;
}) {
  const [name, setName] = useState(category.name);
  const [kind, setKind] = useState<string>(category.kind ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const input = useRef<HTMLInputElement>(null);
  const invalidate = useInvalidateCategoryViews();
  const update = trpc.categories.update.useMutation({ onSuccess: invalidate });
  // Keyboard users can type straight away.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);
  const fail = (next: FieldErrors) => {
    setErrors(next);
    // A success message from before ("Added “Rent”.") would contradict this error.
    errorShown();
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(createCategoryInput, { name });
    if (!checked.ok) return fail(checked.errors);
    try {
      const saved = await update.mutateAsync({
        id: category.id,
        name: checked.data.name,
        kind: kindFromChoice(kind),
      });
      onSaved(`Saved “${saved.name}”.`);
    } catch (error) {
      const fields = serverFieldErrors(error);
      fail(Object.keys(fields).length ? fields : { name: [messageOf(error)] });
    }
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };
  return (
    <form
      onSubmit={save}
      onKeyDown={closeOnEscape}
      className="category-editor"
      aria-label={`Edit ${category.name}`}
      noValidate
    >
      <Field label="Name" errors={errors.name}>
        <input ref={input} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
      </Field>
      <Field label="Used for" errors={errors.kind}>
        <KindSelect value={kind} onChange={setKind} />
      </Field>
      <div className="category-editor-actions">
        <button type="submit" className="button" disabled={update.isPending}>
          Save
        </button>
        <button type="button" className="button secondary" onClick={onClose}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * One category: its name (a link to its transactions), what it is used for, how many transactions use it,
 * and its actions. The page decides which row is being edited, so only one editor is ever open.
 */
export function CategoryRow({
  category,
  editing,
  canMerge,
  onEdit,
  onClose,
  onSaved,
  onDelete,
  onMerge,
}: {
  category: Category;
  editing: boolean;
  canMerge: boolean;
  onEdit: () => void;
  onClose: () => void;
  onSaved: (text: string) => void;
  onDelete: () => void;
  onMerge: () => void;
}) {
  const locale = useLocale();
  const editButton = useRef<HTMLButtonElement>(null);
  // Set when this row's editor closes by itself (Save, Cancel, Escape): focus goes back to its Edit button.
  // Not when another row's editor takes over; focus is in that editor then.
  const returnFocus = useRef(false);
  useEffect(() => {
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const close = (after: () => void) => () => {
    returnFocus.current = true;
    after();
  };
  if (editing) {
    return (
      <li className="category editing">
        <CategoryEditor
          category={category}
          onClose={close(onClose)}
          onSaved={(text) => close(() => onSaved(text))()}
        />
      </li>
    );
  }
  return (
    <li className="category">
      <span className="category-main">
        <Link href={`/transactions?category=${category.id}`}>{category.name}</Link>
        <span className="category-facts">
          <span className={`category-kind kind-${(category.kind ?? 'any').toLowerCase()}`}>
            {kindLabel(category.kind)}
          </span>
          <span className="category-count">
            {countOf(category.transactionCount, 'transaction', undefined, locale)}
          </span>
        </span>
      </span>
      <span className="category-actions">
        <button
          ref={editButton}
          type="button"
          className="button link"
          onClick={onEdit}
          aria-label={`Edit ${category.name}`}
        >
          Edit
        </button>
        {canMerge && (
          <button
            type="button"
            className="button link"
            onClick={onMerge}
            aria-label={`Merge ${category.name}`}
          >
            Merge
          </button>
        )}
        <button
          type="button"
          className="button link danger"
          onClick={onDelete}
          aria-label={`Delete ${category.name}`}
        >
          Delete
        </button>
      </span>
    </li>
  );
}
