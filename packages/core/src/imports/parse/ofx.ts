import { detectDecimal, parseAmount } from './amounts';
import { parseDate } from './dates';
import { ImportFileError, tooManyRows } from './errors';
import { MAX_IMPORT_ROWS } from './limits';
import { moneyOf, toParsedRow } from './row';
import type { ParsedFile, ParsedRow, ParseOptions } from './types';

// OFX is read with a small tag scanner instead of an npm package (ofx, node-ofx-parser and the like): those
// rewrite 1.x SGML, whose leaf elements are never closed (<TRNAMT>-45.20 then the next tag), into XML
// with regexes and hand it to an XML parser, returning the whole document as nested objects with no line
// numbers. A row needs a few leaf values inside each <STMTTRN>...</STMTTRN>, written the same way in both
// versions, and the line where it starts: a dozen lines here, no dependency, no second parse.
const TRANSACTION = /<STMTTRN>([\s\S]*?)<\/STMTTRN>/gi;
// A leaf's text runs to the next tag: the closing one in XML, the next element in SGML (then trimmed).
const LEAF = /<([A-Z0-9.]+)>([^<]*)/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const ENTITY = /&(amp|lt|gt|quot|apos|nbsp|#\d+|#x[0-9a-f]+);/gi;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name.toLowerCase()] ?? '';
  });
}

/** The leaf values of one transaction; NAME inside <PAYEE> is kept apart from a top-level NAME. */
function leavesOf(block: string): Map<string, string> {
  const leaves = new Map<string, string>();
  const payee = /<PAYEE>([\s\S]*?)(?:<\/PAYEE>|$)/i.exec(block);
  LEAF.lastIndex = 0;
  for (let match = LEAF.exec(block); match; match = LEAF.exec(block)) {
    const tag = (match[1] as string).toUpperCase();
    const inPayee =
      payee !== null && match.index > payee.index && match.index < payee.index + payee[0].length;
    const key = inPayee ? `PAYEE.${tag}` : tag;
    if (!leaves.has(key)) leaves.set(key, decodeEntities((match[2] as string).trim()));
  }
  return leaves;
}

function lineCounter(text: string): (offset: number) => number {
  let line = 1;
  let position = 0;
  return (offset) => {
    for (
      let index = text.indexOf('\n', position);
      index >= 0 && index < offset;
      index = text.indexOf('\n', index + 1)
    ) {
      line++;
      position = index + 1;
    }
    return line;
  };
}

/** OFX 1.x (SGML) and 2.x (XML), QFX included: one row per <STMTTRN>, bank and card statements alike. */
export function parseOfx(text: string, encoding: string, options: ParseOptions): ParsedFile {
  if (!/<OFX>/i.test(text)) throw new ImportFileError('The file starts like OFX but has no <OFX> element.');
  const lineAt = lineCounter(text);
  const records: { line: number; leaves: Map<string, string> }[] = [];
  TRANSACTION.lastIndex = 0;
  for (let match = TRANSACTION.exec(text); match; match = TRANSACTION.exec(text)) {
    if (records.length === MAX_IMPORT_ROWS) {
      throw tooManyRows();
    }
    records.push({ line: lineAt(match.index), leaves: leavesOf(match[1] as string) });
  }
  if (records.length === 0 && /<STMTTRN>/i.test(text)) {
    throw new ImportFileError('A <STMTTRN> transaction in the file is never closed with </STMTTRN>.');
  }
  // A few European banks write TRNAMT with a decimal comma, against the specification.
  const decimal =
    options.decimal ??
    detectDecimal(
      records.map((record) => record.leaves.get('TRNAMT') ?? ''),
      '.',
    );
  const invert = options.invert ?? false;
  const rows: ParsedRow[] = records.map(({ line, leaves }) => {
    const dateText = leaves.get('DTPOSTED') || leaves.get('DTUSER') || '';
    const amountText = leaves.get('TRNAMT') ?? '';
    const reading = parseAmount(amountText, decimal);
    const name = leaves.get('NAME') || leaves.get('PAYEE.NAME') || '';
    const memo = leaves.get('MEMO') ?? '';
    return toParsedRow(
      {
        line,
        dateText,
        // Only the date part of 20250115120000.000[-5:EST] counts: the bank's own calendar day.
        date: parseDate(dateText.slice(0, 8), 'YYYYMMDD'),
        money: moneyOf(reading, amountText, reading?.ok === true && reading.negative),
        payee: name,
        note: memo,
        category: '',
      },
      invert,
    );
  });
  return {
    format: 'ofx',
    detected: {
      delimiter: null,
      encoding,
      headerRow: null,
      dateFormat: 'YYYYMMDD',
      decimal,
      columns: { date: 'DTPOSTED', amount: 'TRNAMT', payee: 'NAME', note: 'MEMO' },
      headers: null,
      columnCount: null,
    },
    rows,
  };
}
