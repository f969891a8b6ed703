import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Field } from '../../components/field';
import { ErrorState, FormError } from '../../components/states';
import { messageOf } from '../../lib/errors';
import { countOf } from '../../lib/format';
import { formatCount } from '../../lib/intl-formats';
import { useLocale } from '../../lib/locale';
import { restJson } from '../../lib/rest';
import { RestError } from '../../lib/rest-errors';
import { useLocation } from '../../lib/router';
import { MAX_IMPORT_BYTES } from '../../lib/schemas';
import { trpc } from '../../lib/trpc';
import { FileDrop } from './file-drop';
import { ImportHistory } from './import-history';
import { type ImportOverrides, importPath, type RunFlags } from './import-query';
import { ImportSummary } from './import-summary';
import { DetectedFacts, MappingForm } from './mapping-form';
import { PreviewSummary, PreviewTable } from './preview-table';
import { toImportResult } from './rest-shapes';
import { type ChosenFile, fileBody, useImportPreview } from './use-import-preview';

/** The problem and the lines it names (a refused import lists each unreadable row). */
function Problem({ error }: { error: unknown }) {
  const details = error instanceof RestError ? error.details : [];
  return (
    <div className="form-error" role="alert">
      <p>{messageOf(error)}</p>
      {details.length > 0 && (
        <ul className="problem-lines">
          {details.slice(0, 10).map((line) => (
            <li key={line}>{line}</li>
          ))}
          {details.length > 10 && <li>… and {details.length - 10} more.</li>}
        </ul>
      )}
    </div>
  );
}

/**
 * The import wizard: choose or drop a bank file, check what was detected and the rows as they would be
 * stored, change any guess (the preview follows), import, and undo if it was not what you wanted.
 */
export function ImportPage() {
  const { query } = useLocation();
  const locale = useLocale();
  const accounts = trpc.accounts.list.useQuery();
  const utils = trpc.useUtils();
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [tooLarge, setTooLarge] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<ImportOverrides>({});
  const [flags, setFlags] = useState<RunFlags>({
    skipDuplicates: true,
    createCategories: true,
    skipErrors: false,
  });
  const [pickedAccount, setPickedAccount] = useState<number | undefined>(() => {
    const asked = Number(query.get('account'));
    return Number.isInteger(asked) && asked > 0 ? asked : undefined;
  });
  const openAccounts = accounts.data?.filter((account) => !account.archived) ?? [];
  const accountId = pickedAccount ?? accounts.data?.find((account) => account.isDefault)?.id;
  const account = accounts.data?.find((candidate) => candidate.id === accountId);
  const { preview, shown, columns } = useImportPreview(chosen, accountId, overrides);
  const fileKey = useRef(0);

  const run = useMutation({
    mutationFn: async () => {
      if (!chosen) throw new Error('no file');
      const path = importPath(accountId, chosen.file.name, overrides, flags);
      return toImportResult(await restJson(path, fileBody(chosen.file)));
    },
    onSuccess: () => utils.invalidate(),
  });

  const choose = (file: File) => {
    run.reset();
    setOverrides({});
    if (file.size > MAX_IMPORT_BYTES) {
      setChosen(null);
      setTooLarge(
        `${file.name} is over ${formatCount(MAX_IMPORT_BYTES / 1048576, locale)} MB, the most one import takes. Split it by date and import the parts.`,
      );
      return;
    }
    setTooLarge(null);
    fileKey.current += 1;
    setChosen({ file, key: fileKey.current });
  };
  const startOver = () => {
    run.reset();
    setChosen(null);
    setOverrides({});
  };
  const submit = () => {
    // One import per click, however fast the clicks.
    if (run.isPending || !chosen) return;
    run.mutate();
  };

  const importing = run.isPending;
  const toImport = shown ? shown.summary.valid - (flags.skipDuplicates ? shown.summary.duplicates : 0) : 0;

  if (run.isSuccess) {
    return (
      <div className="page">
        <h1>Import</h1>
        <ImportSummary result={run.data} account={account} onAnother={startOver} />
        <ImportHistory />
      </div>
    );
  }

  return (
    <div className="page">
      <h1>Import a bank file</h1>
      <section className="card" aria-labelledby="choose-title">
        <h2 id="choose-title">1. Choose the file</h2>
        <div className="choose-row">
          <Field label="Import into">
            <select
              value={accountId ?? ''}
              disabled={importing}
              onChange={(event) => setPickedAccount(Number(event.target.value) || undefined)}
            >
              {accountId === undefined && <option value="">Loading accounts…</option>}
              {openAccounts.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
          </Field>
          <FileDrop fileName={chosen?.file.name ?? null} disabled={importing} onFile={choose} />
        </div>
        <FormError message={tooLarge} />
      </section>

      {chosen && !shown && preview.isFetching && (
        <p className="state" role="status">
          <span className="spinner" aria-hidden="true" /> Reading {chosen.file.name}…
        </p>
      )}
      {chosen && preview.isError && !shown && (
        <ErrorState error={preview.error} retry={() => void preview.refetch()} />
      )}

      {chosen && shown && (
        <>
          <section className="card" aria-labelledby="mapping-title">
            <div className="section-header">
              <h2 id="mapping-title">2. Check what was detected</h2>
              {Object.keys(overrides).length > 0 && (
                <button
                  type="button"
                  className="button link"
                  disabled={importing}
                  onClick={() => setOverrides({})}
                >
                  Reset to what was detected
                </button>
              )}
            </div>
            <DetectedFacts preview={shown} />
            <fieldset className="plain" disabled={importing}>
              <legend className="visually-hidden">Change what was detected</legend>
              <MappingForm
                key={chosen.key}
                preview={shown}
                columns={columns}
                overrides={overrides}
                onChange={(changes) => setOverrides((current) => ({ ...current, ...changes }))}
              />
            </fieldset>
            {preview.isError && <Problem error={preview.error} />}
          </section>

          <section className="card" aria-labelledby="preview-title" aria-busy={preview.isFetching}>
            <div className="section-header">
              <h2 id="preview-title">3. Preview</h2>
              <span className="muted" role="status">
                {preview.isFetching ? 'Updating the preview…' : ''}
              </span>
            </div>
            <PreviewSummary summary={shown.summary} />
            <PreviewTable preview={shown} busy={preview.isFetching} />
          </section>

          <section className="card" aria-labelledby="run-title" aria-busy={importing}>
            <h2 id="run-title">4. Import</h2>
            <fieldset className="plain import-flags" disabled={importing}>
              <legend className="visually-hidden">Import options</legend>
              <label className="check">
                <input
                  type="checkbox"
                  checked={flags.skipDuplicates}
                  onChange={(event) =>
                    setFlags((current) => ({ ...current, skipDuplicates: event.target.checked }))
                  }
                />
                Skip rows already in the account
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={flags.createCategories}
                  onChange={(event) =>
                    setFlags((current) => ({ ...current, createCategories: event.target.checked }))
                  }
                />
                Create the categories the file names that I do not have
              </label>
              <label className="check">
                <input
                  type="checkbox"
                  checked={flags.skipErrors}
                  onChange={(event) =>
                    setFlags((current) => ({ ...current, skipErrors: event.target.checked }))
                  }
                />
                Skip rows that cannot be read
                {shown.summary.errors > 0 && ` (${formatCount(shown.summary.errors, locale)})`}
              </label>
            </fieldset>
            {shown.summary.errors > 0 && !flags.skipErrors && (
              <p className="hint">
                {countOf(shown.summary.errors, 'row', 'rows', locale)} cannot be read: nothing is imported
                unless you skip them or change the mapping.
              </p>
            )}
            {run.isError && <Problem error={run.error} />}
            {importing && (
              <div className="progress" role="status">
                <progress aria-label={`Importing ${chosen.file.name}`} />
                <span>Importing {chosen.file.name}… large files take a moment.</span>
              </div>
            )}
            <div className="actions start">
              <button
                type="button"
                className="button"
                disabled={importing || preview.isFetching || toImport <= 0}
                onClick={submit}
              >
                {importing
                  ? 'Importing…'
                  : `Import ${countOf(toImport, 'transaction', 'transactions', locale)}`}
              </button>
              <button type="button" className="button secondary" disabled={importing} onClick={startOver}>
                Cancel
              </button>
            </div>
          </section>
        </>
      )}

      <ImportHistory />
    </div>
  );
}
