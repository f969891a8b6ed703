import type { Transaction } from './schemas';

/**
 * Writers of the transaction export formats, a batch at a time so an export of any size streams.
 * The CSV is the importer's own zero-configuration shape: a file exported here and imported into an empty
 * account gives the same transactions back (imports/round-trip.test.ts).
 */
export const EXPORT_FORMATS = ['csv', 'ofx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CSV_HEADER = 'Date,Payee,Note,Category,Amount\r\n';

/**
 * A text cell. One that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading `'`,
 * as OWASP advises for CSV exports; the importer takes that `'` off again, so the file still round-trips.
 */
function csvField(text: string): string {
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const signed = (t: Transaction) => (t.type === 'EXPENSE' ? `-${t.amount}` : t.amount);

/** Rows as CSV lines (RFC 4180: CRLF, quotes doubled), the amount signed: money out is negative. */
export function csvLines(batch: readonly Transaction[]): string {
  let text = '';
  for (const t of batch) {
    text += `${t.date},${csvField(t.payee)},${csvField(t.note)},${csvField(t.categoryName ?? '')},${signed(t)}\r\n`;
  }
  return text;
}

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ofxDate = (date: string) => date.replaceAll('-', '');

export interface OfxStatement {
  currency: string;
  /** Written as the statement's account id; the whole export when several accounts are in it. */
  accountId: string;
  firstDate: string | null;
  lastDate: string | null;
  balance: string;
  generatedAt: Date;
}

/** OFX 2.2 (XML): a bank statement whose transaction list the rows fill. */
export function ofxHead(statement: OfxStatement): string {
  const now = statement.generatedAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  const start = ofxDate(statement.firstDate ?? statement.generatedAt.toISOString().slice(0, 10));
  const end = ofxDate(statement.lastDate ?? statement.generatedAt.toISOString().slice(0, 10));
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n' +
    '<?OFX OFXHEADER="200" VERSION="220" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>\n' +
    '<OFX>\n<SIGNONMSGSRSV1><SONRS><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>' +
    `<DTSERVER>${now}</DTSERVER><LANGUAGE>ENG</LANGUAGE></SONRS></SIGNONMSGSRSV1>\n` +
    '<BANKMSGSRSV1><STMTTRNRS><TRNUID>0</TRNUID><STATUS><CODE>0</CODE><SEVERITY>INFO</SEVERITY></STATUS>\n' +
    `<STMTRS><CURDEF>${xml(statement.currency)}</CURDEF>` +
    `<BANKACCTFROM><BANKID>finsight</BANKID><ACCTID>${xml(statement.accountId)}</ACCTID><ACCTTYPE>CHECKING</ACCTTYPE></BANKACCTFROM>\n` +
    `<BANKTRANLIST><DTSTART>${start}</DTSTART><DTEND>${end}</DTEND>\n`
  );
}

/** One STMTTRN per row; NAME holds the payee (OFX allows 32 characters), MEMO the note. */
export function ofxTransactions(batch: readonly Transaction[]): string {
  let text = '';
  for (const t of batch) {
    const name = t.payee.slice(0, 32);
    text +=
      `<STMTTRN><TRNTYPE>${t.type === 'INCOME' ? 'CREDIT' : 'DEBIT'}</TRNTYPE><DTPOSTED>${ofxDate(t.date)}</DTPOSTED>` +
      `<TRNAMT>${signed(t)}</TRNAMT><FITID>${t.id}</FITID>${name ? `<NAME>${xml(name)}</NAME>` : ''}` +
      `${t.note ? `<MEMO>${xml(t.note)}</MEMO>` : ''}</STMTTRN>\n`;
  }
  return text;
}

export function ofxTail(statement: OfxStatement): string {
  const asOf = ofxDate(statement.lastDate ?? statement.generatedAt.toISOString().slice(0, 10));
  return (
    '</BANKTRANLIST>\n' +
    `<LEDGERBAL><BALAMT>${statement.balance}</BALAMT><DTASOF>${asOf}</DTASOF></LEDGERBAL>\n` +
    '</STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n'
  );
}
