import { useState } from 'react';
import { messageOf } from '../../lib/errors';
import { downloadFile } from '../../lib/rest';
import type { TransactionFiltersInput } from '../../lib/schemas';
import { exportPath } from './export-path';

/** CSV and OFX downloads of what the list shows (its filters, every page). */
export function ExportButtons({ filters }: { filters: TransactionFiltersInput }) {
  const [busy, setBusy] = useState<'csv' | 'ofx' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async (format: 'csv' | 'ofx') => {
    setBusy(format);
    setProblem(null);
    try {
      await downloadFile(exportPath(format, filters), `finsight-transactions.${format}`);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-buttons">
      <fieldset className="button-group">
        <legend className="visually-hidden">Export these transactions</legend>
        {(['csv', 'ofx'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button secondary small"
            disabled={busy !== null}
            aria-busy={busy === format}
            onClick={() => void download(format)}
          >
            {busy === format ? 'Preparing…' : `Export ${format.toUpperCase()}`}
          </button>
        ))}
      </fieldset>
      {problem && (
        <p className="notice notice-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
