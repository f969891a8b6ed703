import { describe, expect, it } from 'vitest';
import { ImportFileError } from './errors';
import { sniffFormat } from './sniff';

describe('sniffFormat', () => {
  it('knows OFX 1.x by its header and OFX 2.x by its processing instruction', () => {
    expect(sniffFormat('OFXHEADER:100\nDATA:OFXSGML\n')).toBe('ofx');
    expect(sniffFormat('\n  <?xml version="1.0"?>\n<?OFX OFXHEADER="200"?>\n<OFX>')).toBe('ofx');
    expect(sniffFormat('<?OFX OFXHEADER="200"?><OFX>')).toBe('ofx');
    expect(sniffFormat('<OFX>\n<SIGNONMSGSRSV1>')).toBe('ofx');
  });

  it('knows QIF by its first line', () => {
    expect(sniffFormat('!Type:Bank\nD1/1/25\n')).toBe('qif');
    expect(sniffFormat('\r\n!Account\nNChecking\n')).toBe('qif');
    expect(sniffFormat('!Option:AutoSwitch\n')).toBe('qif');
  });

  it('reads anything else as CSV, whatever the content type claims', () => {
    expect(sniffFormat('Date,Amount\n2025-01-01,1\n')).toBe('csv');
    expect(sniffFormat('Date,Amount\n2025-01-01,1\n', 'application/x-ofx')).toBe('csv');
    expect(sniffFormat('Date,Amount\n', 'application/qif')).toBe('csv');
  });

  it('uses an OFX content type to look past a banner line before the OFX', () => {
    const text = 'Exported by MyBank\nOFXHEADER:100\n\n<OFX></OFX>';
    expect(sniffFormat(text)).toBe('csv');
    expect(sniffFormat(text, 'application/x-ofx')).toBe('ofx');
  });

  it('refuses XML that is not OFX, such as a CAMT.053 statement', () => {
    expect(() => sniffFormat('<?xml version="1.0"?><Document><BkToCstmrStmt/>')).toThrow(ImportFileError);
  });
});
