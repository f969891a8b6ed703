import { describe, expect, it } from 'vitest';
import { decodeBytes } from './decode';
import { ImportFileError } from './errors';

const text = 'Datum;Empfänger;Betrag\n15.01.2025;Bäckerei Müller;-8,40\n';

function utf16(value: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(value, 'utf16le');
  const bytes = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), bytes]) : bytes;
}

describe('decodeBytes', () => {
  it('reads UTF-8 with and without a byte order mark', () => {
    expect(decodeBytes(Buffer.from(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      text,
      encoding: 'utf-8-bom',
    });
  });

  it('reads UTF-16 little and big endian by their byte order mark', () => {
    expect(decodeBytes(utf16(text, 'le', true))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeBytes(utf16(text, 'be', true))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('recognises UTF-16 without a byte order mark by its zero bytes', () => {
    expect(decodeBytes(utf16(text, 'le', false)).encoding).toBe('utf-16le');
    expect(decodeBytes(utf16(text, 'be', false)).encoding).toBe('utf-16be');
  });

  it('reads bytes that are not UTF-8 as Windows-1252', () => {
    const decoded = decodeBytes(Buffer.from(`${text}Total;€ 5\n`, 'latin1'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Bäckerei Müller');
    expect(decodeBytes(Uint8Array.from([0x80, 0x20, 0x31])).text).toBe('€ 1');
  });

  it('uses the encoding asked for, whatever the bytes look like', () => {
    const latin1 = Buffer.from(text, 'latin1');
    expect(decodeBytes(latin1, 'latin1')).toEqual({ text, encoding: 'latin1' });
    expect(decodeBytes(Buffer.from(text), 'windows-1252').text).toContain('BÃ¤ckerei');
  });

  it('refuses an unknown encoding, an empty file, binary data and PDF or Excel files', () => {
    expect(() => decodeBytes(Buffer.from(text), 'klingon')).toThrow(ImportFileError);
    expect(() => decodeBytes(Buffer.from('  \n\n'))).toThrow('The file is empty.');
    expect(() => decodeBytes(Uint8Array.from({ length: 400 }, (_, index) => (index * 7) % 32))).toThrow(
      'not a text file',
    );
    expect(() => decodeBytes(Buffer.from('%PDF-1.7\n...'))).toThrow('PDF');
    expect(() => decodeBytes(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toThrow('.xlsx');
  });
});
