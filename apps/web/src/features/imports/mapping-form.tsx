import { useEffect, useRef, useState } from 'react';
import { Field } from '../../components/field';
import { DATE_FORMATS, type DateFormat, type ImportPreview } from '../../lib/schemas';
import type { ColumnChoice } from './file-columns';
import type { ImportOverrides } from './import-query';

type Detected = ImportPreview['detected'];
type ColumnKey = keyof Detected['columns'];

const COLUMNS: { role: ColumnKey; option: keyof ImportOverrides; label: string }[] = [
  { role: 'date', option: 'dateColumn', label: 'Date column' },
  { role: 'amount', option: 'amountColumn', label: 'Amount column (signed)' },
  { role: 'debit', option: 'debitColumn', label: 'Money out column' },
  { role: 'credit', option: 'creditColumn', label: 'Money in column' },
  { role: 'type', option: 'typeColumn', label: 'Direction column (debit/credit)' },
  { role: 'payee', option: 'payeeColumn', label: 'Payee column' },
  { role: 'note', option: 'noteColumn', label: 'Note column' },
  { role: 'category', option: 'categoryColumn', label: 'Category column' },
];

const DELIMITERS: { value: string; label: string }[] = [
  { value: ',', label: 'Comma ,' },
  { value: ';', label: 'Semicolon ;' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe |' },
];
const ENCODINGS = ['utf-8', 'windows-1252', 'latin1', 'utf-16le', 'utf-16be'];
const FORMAT_NAMES: Record<ImportPreview['format'], string> = { csv: 'CSV', ofx: 'OFX', qif: 'QIF' };

const delimiterName = (delimiter: string | null) =>
  delimiter === null ? '—' : (DELIMITERS.find((d) => d.value === delimiter)?.label ?? delimiter);

/** What the importer found in the file, as facts. */
export function DetectedFacts({ preview }: { preview: ImportPreview }) {
  const { detected } = preview;
  return (
    <dl className="facts detected">
      <dt>Format</dt>
      <dd>{FORMAT_NAMES[preview.format]}</dd>
      <dt>Encoding</dt>
      <dd>{detected.encoding}</dd>
      {preview.format === 'csv' && (
        <>
          <dt>Delimiter</dt>
          <dd>{delimiterName(detected.delimiter)}</dd>
          <dt>Header row</dt>
          <dd>{detected.headerRow === null ? 'No header' : `Line ${detected.headerRow}`}</dd>
        </>
      )}
      <dt>Date format</dt>
      <dd>{detected.dateFormat}</dd>
      <dt>Decimal separator</dt>
      <dd>{detected.decimal === ',' ? 'Comma' : 'Point'}</dd>
    </dl>
  );
}

/** A column dropdown: the detected column, or the one the user chose; "Automatic" goes back to detection. */
function ColumnSelect({
  label,
  detected,
  override,
  columns,
  onChange,
}: {
  label: string;
  detected: string | number | null | undefined;
  override: string | undefined;
  columns: ColumnChoice[];
  onChange: (value: string | undefined) => void;
}) {
  const detectedValue = detected === null || detected === undefined ? '' : String(detected);
  const value = override ?? detectedValue;
  const known = columns.some((column) => column.value === value);
  return (
    <Field label={label}>
      <select value={value} onChange={(event) => onChange(event.target.value || undefined)}>
        <option value="">{detectedValue ? 'Automatic' : '— none —'}</option>
        {!known && value !== '' && <option value={value}>{value}</option>}
        {columns.map((column) => (
          <option key={column.value} value={column.value}>
            {column.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** Lines to skip: sent once typing pauses, not on every keystroke (each change uploads the file again). */
function SkipRows({
  value,
  onChange,
}: {
  value: number | undefined;
  onChange: (next: number | undefined) => void;
}) {
  const [text, setText] = useState(value === undefined ? '' : String(value));
  const send = useRef(onChange);
  send.current = onChange;
  useEffect(() => {
    const next = text.trim() === '' ? undefined : Number(text);
    if (next === value || (next !== undefined && (!Number.isInteger(next) || next < 0 || next > 1000)))
      return;
    const timer = setTimeout(() => send.current(next), 400);
    return () => clearTimeout(timer);
  }, [text, value]);
  return (
    <Field label="Lines to skip at the top" hint="Blank: found automatically">
      <input
        type="number"
        min={0}
        max={1000}
        inputMode="numeric"
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </Field>
  );
}

/** Every guess of the importer, changeable: columns, date format, decimal separator, delimiter, encoding. */
export function MappingForm({
  preview,
  columns,
  overrides,
  onChange,
}: {
  preview: ImportPreview;
  columns: ColumnChoice[];
  overrides: ImportOverrides;
  onChange: (changes: Partial<ImportOverrides>) => void;
}) {
  const { detected } = preview;
  const csv = preview.format === 'csv';
  // A byte-order mark is found whatever the override; the label to send for it is plain utf-8.
  const detectedEncoding = detected.encoding === 'utf-8-bom' ? 'utf-8' : detected.encoding;
  const encodings = ENCODINGS.includes(detectedEncoding) ? ENCODINGS : [detectedEncoding, ...ENCODINGS];
  return (
    <div className="mapping">
      {csv && (
        <fieldset className="mapping-grid">
          <legend>Columns</legend>
          {COLUMNS.map(({ role, option, label }) => (
            <ColumnSelect
              key={role}
              label={label}
              detected={detected.columns[role]}
              override={overrides[option] as string | undefined}
              columns={columns}
              onChange={(value) => onChange({ [option]: value })}
            />
          ))}
        </fieldset>
      )}
      <fieldset className="mapping-grid">
        <legend>How the file is written</legend>
        <Field label="Date format">
          <select
            value={overrides.dateFormat ?? detected.dateFormat}
            onChange={(event) => onChange({ dateFormat: event.target.value as DateFormat })}
          >
            {DATE_FORMATS.map((format) => (
              <option key={format} value={format}>
                {format}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Decimal separator">
          <select
            value={overrides.decimal ?? detected.decimal}
            onChange={(event) => onChange({ decimal: event.target.value as '.' | ',' })}
          >
            <option value=".">Point (1,234.56)</option>
            <option value=",">Comma (1.234,56)</option>
          </select>
        </Field>
        {csv && (
          <Field label="Delimiter">
            <select
              value={overrides.delimiter ?? detected.delimiter ?? ','}
              onChange={(event) =>
                onChange({ delimiter: event.target.value as NonNullable<ImportOverrides['delimiter']> })
              }
            >
              {DELIMITERS.map((delimiter) => (
                <option key={delimiter.value} value={delimiter.value}>
                  {delimiter.label}
                </option>
              ))}
            </select>
          </Field>
        )}
        {csv && (
          <Field label="Encoding">
            <select
              value={overrides.encoding ?? detectedEncoding}
              onChange={(event) => onChange({ encoding: event.target.value })}
            >
              {encodings.map((encoding) => (
                <option key={encoding} value={encoding}>
                  {encoding}
                </option>
              ))}
            </select>
          </Field>
        )}
        {csv && <SkipRows value={overrides.skipRows} onChange={(skipRows) => onChange({ skipRows })} />}
        <label className="check">
          <input
            type="checkbox"
            checked={overrides.invert ?? false}
            onChange={(event) => onChange({ invert: event.target.checked || undefined })}
          />
          Invert signs (money out is written as positive)
        </label>
      </fieldset>
    </div>
  );
}
