import { describe, expect, it } from 'vitest';
import { parseBankFile } from './index';
import { bytesOf, dated, fixture } from './test-fixtures';

describe('OFX and QFX', () => {
  it('reads OFX 1.x SGML with unclosed leaf tags, one row per STMTTRN', () => {
    const { format, rows, detected } = parseBankFile(fixture('ofx1-bank.ofx'));
    expect(format).toBe('ofx');
    expect(detected).toMatchObject({
      delimiter: null,
      headerRow: null,
      dateFormat: 'YYYYMMDD',
      decimal: '.',
    });
    expect(rows.map(dated)).toEqual([
      '2025-01-15 -45.20',
      '2025-01-31 2500.00',
      '2025-01-20 -150.00',
      '2025-01-31 -12.00',
    ]);
    expect(rows.map((row) => row.line)).toEqual([39, 47, 54, 69]);
    expect(rows[0]).toMatchObject({
      payee: 'WHOLEFDS MKT 10234',
      note: 'AUSTIN TX 01/14',
      category: null,
      error: null,
    });
  });

  it('takes the payee from PAYEE/NAME when there is no NAME, and leaves it blank when there is neither', () => {
    const { rows } = parseBankFile(fixture('ofx1-bank.ofx'));
    expect(rows[2]).toMatchObject({ payee: 'Smith & Sons Plumbing', note: 'CHECK 1024' });
    expect(rows[3]).toMatchObject({ payee: '', note: 'MONTHLY SERVICE FEE' });
  });

  it('reads the one-line XML that finsight exports, a memo over several lines included', () => {
    const file = bytesOf(
      '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n<?OFX OFXHEADER="200" VERSION="220"?>\n<OFX>\n' +
        '<BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>\n' +
        '<STMTTRN><TRNTYPE>DEBIT</TRNTYPE><DTPOSTED>20250131</DTPOSTED><TRNAMT>-23.40</TRNAMT><FITID>7</FITID>' +
        '<NAME>Corner Caf&amp;e</NAME><MEMO>Lunch\nwith Sam</MEMO></STMTTRN>\n' +
        '<STMTTRN><TRNTYPE>CREDIT</TRNTYPE><DTPOSTED>20250128</DTPOSTED><TRNAMT>2500.00</TRNAMT><FITID>8</FITID>' +
        '<MEMO>No payee</MEMO></STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1>\n</OFX>\n',
    );
    const { rows } = parseBankFile(file);
    expect(rows.map(dated)).toEqual(['2025-01-31 -23.40', '2025-01-28 2500.00']);
    expect(rows[0]).toMatchObject({ line: 5, payee: 'Corner Caf&e', note: 'Lunch\nwith Sam' });
    expect(rows[1]).toMatchObject({ payee: '', note: 'No payee' });
  });

  it('reads OFX 2.x XML credit card statements (CCSTMTRS), entities decoded', () => {
    const { format, rows } = parseBankFile(fixture('ofx2-card.qfx'));
    expect(format).toBe('ofx');
    expect(rows.map(dated)).toEqual(['2025-01-03 -64.18', '2025-01-10 -1234.56', '2025-01-25 500.00']);
    expect(rows[1]).toMatchObject({
      line: 30,
      payee: 'DELTA AIR LINES',
      note: 'Ticket 0062345678901 <ATL-JFK>',
    });
  });

  it('takes the calendar day of DTPOSTED whatever the time and zone after it', () => {
    const ofx = (posted: string) =>
      bytesOf(`OFXHEADER:100\n\n<OFX><STMTTRN><DTPOSTED>${posted}<TRNAMT>-1.00<NAME>X</STMTTRN></OFX>`);
    expect(parseBankFile(ofx('20250115120000[-5:EST]')).rows[0]?.date).toBe('2025-01-15');
    expect(parseBankFile(ofx('20250115235959.123[+9:JST]')).rows[0]?.date).toBe('2025-01-15');
    expect(parseBankFile(ofx('20250115')).rows[0]?.date).toBe('2025-01-15');
  });

  it('reads a TRNAMT written with a decimal comma, as some European banks do', () => {
    const file = bytesOf(
      'OFXHEADER:100\n\n<OFX><STMTTRN><DTPOSTED>20250115<TRNAMT>-45,20<NAME>CARREFOUR</STMTTRN>' +
        '<STMTTRN><DTPOSTED>20250116<TRNAMT>1234,50<NAME>SALAIRE</STMTTRN></OFX>',
    );
    const { rows, detected } = parseBankFile(file);
    expect(detected.decimal).toBe(',');
    expect(rows.map(dated)).toEqual(['2025-01-15 -45.20', '2025-01-16 1234.50']);
  });

  it('flips every sign with invert', () => {
    const { rows } = parseBankFile(fixture('ofx2-card.qfx'), { invert: true });
    expect(rows.map(dated)).toEqual(['2025-01-03 64.18', '2025-01-10 1234.56', '2025-01-25 -500.00']);
  });

  it('turns a bad date or a zero amount into an error row with its line', () => {
    const file = bytesOf(
      'OFXHEADER:100\n\n<OFX>\n<STMTTRN>\n<DTPOSTED>20250231\n<TRNAMT>-1.00\n</STMTTRN>\n' +
        '<STMTTRN>\n<DTPOSTED>20250201\n<TRNAMT>0.00\n</STMTTRN>\n</OFX>',
    );
    const { rows } = parseBankFile(file);
    expect(rows.map((row) => row.error)).toEqual([
      'Line 4: "20250231" is not a valid date.',
      'Line 8: the amount is zero.',
    ]);
  });
});
