import { describe, expect, it } from 'vitest';
import {
  ImportFileError,
  ImportTooLargeError,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  parseBankFile,
} from './index';
import { bytesOf } from './test-fixtures';

describe('a file that cannot be read as a whole', () => {
  it('is empty', () => {
    expect(() => parseBankFile(new Uint8Array())).toThrow(new ImportFileError('The file is empty.'));
    expect(() => parseBankFile(bytesOf('\r\n  \r\n'))).toThrow(new ImportFileError('The file is empty.'));
  });

  it('has no date column', () => {
    expect(() => parseBankFile(bytesOf('Payee,Amount\nA,-1.00\n'))).toThrow(
      new ImportFileError(
        'No date column was found. The header row (line 1) has: "Payee", "Amount". Choose the column to use.',
      ),
    );
    expect(() => parseBankFile(bytesOf('hello,world\nfoo,bar\n'))).toThrow('No date column was found.');
  });

  it('has no amount column', () => {
    expect(() => parseBankFile(bytesOf('Date,Payee\n2025-01-01,A\n'))).toThrow('No amount column was found.');
  });

  it('has a quote that is never closed, named by the line it opens on', () => {
    expect(() =>
      parseBankFile(bytesOf('Date,Payee,Amount\n2025-01-01,A,-1\n2025-01-02,"B,-2\n2025-01-03,C,-3\n')),
    ).toThrow(
      new ImportFileError(
        'Line 3 opens a quoted field that is never closed, so the rest of the file cannot be read.',
      ),
    );
  });

  it('is binary', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, index) => (index * 31) % 256);
    expect(() => parseBankFile(bytes)).toThrow(ImportFileError);
  });

  it('is an OFX header with no OFX body', () => {
    expect(() => parseBankFile(bytesOf('OFXHEADER:100\nDATA:OFXSGML\n'))).toThrow(ImportFileError);
  });
});

describe('a file too large to import', () => {
  it(`has more than ${MAX_IMPORT_ROWS} data rows`, () => {
    const line = '2025-01-01,A,-1.00\n';
    const text = `Date,Payee,Amount\n${line.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(() => parseBankFile(bytesOf(text))).toThrow(ImportTooLargeError);
    const exactly = parseBankFile(
      bytesOf(`Date,Payee,Amount\n${line.repeat(MAX_IMPORT_ROWS)}Total,,-200000.00\n`),
    );
    expect(exactly.rows).toHaveLength(MAX_IMPORT_ROWS);
  });

  it('has more bytes than the limit', () => {
    expect(() => parseBankFile(new Uint8Array(MAX_IMPORT_BYTES + 1))).toThrow(ImportTooLargeError);
  });
});
