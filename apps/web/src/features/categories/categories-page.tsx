import { type FormEvent, useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Field } from '../../components/field';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { type FieldErrors, messageOf, serverFieldErrors } from '../../lib/errors';
import { Link } from '../../lib/router';
import { createCategoryInput } from '../../lib/schemas';
import { type RouterOutputs, trpc } from '../../lib/trpc';
import { validate } from '../../lib/validate';

type Category = RouterOutputs['categories']['list'][number];

function CategoryRow({ category, onDelete }: { category: Category; onDelete: (category: Category) => void }) {
  const utils = trpc.useUtils();
  const [name, setName] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const input = useRef<HTMLInputElement>(null);
  const editing = name !== null;
  // Move focus to the name field when renaming starts, so keyboard users can type straight away.
  useEffect(() => {
    if (editing) input.current?.focus();
  }, [editing]);
  const rename = trpc.categories.rename.useMutation({
    onSuccess: () =>
      Promise.all([
        utils.categories.invalidate(),
        utils.transactions.invalidate(),
        utils.insights.invalidate(),
      ]),
  });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(createCategoryInput, { name });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      await rename.mutateAsync({ id: category.id, ...checked.data });
      setName(null);
      setErrors({});
    } catch (error) {
      const fields = serverFieldErrors(error);
      setErrors(Object.keys(fields).length ? fields : { name: [messageOf(error)] });
    }
  };
  if (name !== null) {
    return (
      <li className="category editing">
        <form onSubmit={save} className="inline-form" aria-label={`Rename ${category.name}`}>
          <Field label={`New name for ${category.name}`} errors={errors.name}>
            <input ref={input} value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <button type="submit" className="button small" disabled={rename.isPending}>
            Save
          </button>
          <button type="button" className="button secondary small" onClick={() => setName(null)}>
            Cancel
          </button>
        </form>
      </li>
    );
  }
  return (
    <li className="category">
      <Link href={`/transactions?category=${category.id}`}>{category.name}</Link>
      <span className="row-actions">
        <button
          type="button"
          className="button link"
          onClick={() => setName(category.name)}
          aria-label={`Rename ${category.name}`}
        >
          Rename
        </button>
        <button
          type="button"
          className="button link danger"
          onClick={() => onDelete(category)}
          aria-label={`Delete ${category.name}`}
        >
          Delete
        </button>
      </span>
    </li>
  );
}

export function CategoriesPage() {
  const utils = trpc.useUtils();
  const categories = trpc.categories.list.useQuery();
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [deleting, setDeleting] = useState<Category | null>(null);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const create = trpc.categories.create.useMutation({ onSuccess: () => utils.categories.invalidate() });
  const remove = trpc.categories.delete.useMutation({ onSuccess: () => utils.categories.invalidate() });

  const add = async (event: FormEvent) => {
    event.preventDefault();
    const checked = validate(createCategoryInput, { name });
    if (!checked.ok) return setErrors(checked.errors);
    try {
      const created = await create.mutateAsync(checked.data);
      setName('');
      setErrors({});
      setNotice({ text: `Added “${created.name}”.`, error: false });
    } catch (error) {
      const fields = serverFieldErrors(error);
      setErrors(Object.keys(fields).length ? fields : { name: [messageOf(error)] });
    }
  };

  const confirmDelete = () => {
    const target = deleting;
    setDeleting(null);
    if (!target) return;
    remove.mutate(
      { id: target.id },
      {
        onSuccess: () => setNotice({ text: `Deleted “${target.name}”.`, error: false }),
        // The server explains: how many transactions still use it.
        onError: (error) => setNotice({ text: messageOf(error), error: true }),
      },
    );
  };

  return (
    <div className="page narrow">
      <h1>Categories</h1>
      <form className="card inline-form" onSubmit={add} noValidate aria-label="Add a category">
        <Field label="New category" errors={errors.name}>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Groceries" />
        </Field>
        <button type="submit" className="button" disabled={create.isPending}>
          Add
        </button>
      </form>
      <p
        className={notice?.error ? 'notice notice-error' : 'notice'}
        role={notice?.error ? 'alert' : 'status'}
        aria-live="polite"
      >
        {notice?.text}
      </p>
      {categories.isPending ? (
        <Loading />
      ) : categories.isError ? (
        <ErrorState error={categories.error} retry={() => void categories.refetch()} />
      ) : categories.data.length === 0 ? (
        <EmptyState title="No categories yet">
          <p>Categories group your transactions: Salary, Rent, Groceries… Add your first one above.</p>
        </EmptyState>
      ) : (
        <ul className="card categories">
          {categories.data.map((category) => (
            <CategoryRow key={category.id} category={category} onDelete={setDeleting} />
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete “${deleting?.name ?? ''}”?`}
        message="Only a category that no transaction uses can be deleted."
        confirmLabel="Delete"
        onConfirm={confirmDelete}
        onCancel={() => setDeleting(null)}
      />
    </div>
  );
}
