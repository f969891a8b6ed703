import { useEffect, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { EmptyState, ErrorState, FormError, Loading } from '../../components/states';
import { errorShown, useNotice } from '../../lib/notice';
import { createCategoryInput } from '../../lib/schemas';
import { trpc } from '../../lib/trpc';
import { useFormSubmit } from '../../lib/use-form-submit';
import { DeleteCategoryDialog, MergeCategoryDialog, type Outcome } from './category-dialogs';
import { type Category, CategoryRow } from './category-row';
import { KindSelect } from './kind-select';
import { kindFromChoice } from './kinds';
import './categories.css';

type Pending = { action: 'delete' | 'merge'; category: Category } | null;

function AddCategoryForm({ onAdded }: { onAdded: (text: string) => void }) {
  const utils = trpc.useUtils();
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const create = trpc.categories.create.useMutation({ onSuccess: () => utils.categories.invalidate() });
  const chosenKind = kindFromChoice(kind);
  const { errors, problem, pending, submit } = useFormSubmit(
    createCategoryInput,
    () => ({ name, ...(chosenKind ? { kind: chosenKind } : {}) }),
    async (data) => {
      const created = await create.mutateAsync(data);
      setName('');
      onAdded(`Added “${created.name}”.`);
    },
  );
  // "Added “Rent”." must not stay next to an error about the next one.
  useEffect(() => {
    if (Object.keys(errors).length > 0) errorShown();
  }, [errors]);
  return (
    <form className="card category-add" onSubmit={submit} noValidate aria-label="Add a category">
      <Field label="New category" errors={errors.name}>
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. Groceries" />
      </Field>
      <Field label="Used for" errors={errors.kind}>
        <KindSelect value={kind} onChange={setKind} />
      </Field>
      <button type="submit" className="button" disabled={pending}>
        Add
      </button>
      <FormError message={problem} />
    </form>
  );
}

export function CategoriesPage() {
  const categories = trpc.categories.list.useQuery();
  const [editing, setEditing] = useState<number | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [notice, setNotice] = useNotice<Outcome>();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusHeading = useRef(false);
  // After the dialog has closed (the page is inert while it is open).
  useEffect(() => {
    if (focusHeading.current && pending === null) {
      focusHeading.current = false;
      heading.current?.focus();
    }
  });

  const finish = (outcome: Outcome) => {
    setPending(null);
    setNotice(outcome);
    // The row that had focus is gone: start again from the top of the page, where the news is.
    focusHeading.current = !outcome.error;
  };
  const list = categories.data ?? [];

  return (
    <div className="page narrow categories-page">
      <h1 ref={heading} tabIndex={-1}>
        Categories
      </h1>
      <AddCategoryForm onAdded={(text) => setNotice({ text, error: false })} />
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
      ) : list.length === 0 ? (
        <EmptyState level={2} title="No categories yet">
          <p>Categories group your transactions: Salary, Rent, Groceries… Add your first one above.</p>
        </EmptyState>
      ) : (
        <ul className="card categories" aria-label="Your categories">
          {list.map((category) => (
            <CategoryRow
              key={category.id}
              category={category}
              editing={editing === category.id}
              canMerge={list.length > 1}
              onEdit={() => setEditing(category.id)}
              onClose={() => setEditing(null)}
              onSaved={(text) => {
                setEditing(null);
                setNotice({ text, error: false });
              }}
              onDelete={() => setPending({ action: 'delete', category })}
              onMerge={() => setPending({ action: 'merge', category })}
            />
          ))}
        </ul>
      )}
      {pending?.action === 'delete' && (
        <DeleteCategoryDialog
          category={pending.category}
          categories={list}
          onDone={finish}
          onCancel={() => setPending(null)}
        />
      )}
      {pending?.action === 'merge' && (
        <MergeCategoryDialog
          category={pending.category}
          categories={list}
          onDone={finish}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}
