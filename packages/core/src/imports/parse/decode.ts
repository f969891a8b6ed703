import { ImportFileError } from './errors';

export interface DecodedText {
  text: string;
  /** What was found: 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'windows-1252', or the label asked for. */
  encoding: string;
}

// Formats people upload by mistake, named so the message can say what to export instead.
const FOREIGN_SIGNATURES: [bytes: number[], name: string][] = [
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
  [[0x50, 0x4b, 0x03, 0x04], 'a spreadsheet or ZIP archive (for example .xlsx)'],
  [[0xd0, 0xcf, 0x11, 0xe0], 'an old Excel (.xls) workbook'],
];

function startsWith(bytes: Uint8Array, prefix: number[], at = 0): boolean {
  return prefix.every((byte, index) => bytes[at + index] === byte);
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F (€, curly quotes, dashes, Š, Ž ...). Node 20's
// TextDecoder decodes that range as Latin-1 control characters, so they are mapped here.
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_CONTROLS = /[\u0080-\u009f]/g;

function decodeWindows1252(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252')
    .decode(bytes)
    .replace(C1_CONTROLS, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80] ?? char);
}

function decoderFor(label: string) {
  try {
    return new TextDecoder(label);
  } catch {
    throw new ImportFileError(`The encoding "${label}" is not known; try utf-8, utf-16le or windows-1252.`);
  }
}

/**
 * A UTF-16 file without a byte order mark still shows itself: ASCII text in UTF-16 has a zero in every
 * other byte, which no 8-bit encoding of a bank statement has.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, 4096) & ~1;
  if (length < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let index = 0; index < length; index += 2) {
    if (bytes[index] === 0) evenZeros++;
    if (bytes[index + 1] === 0) oddZeros++;
  }
  const pairs = length / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

function detect(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  const utf16 = utf16WithoutBom(bytes);
  if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Bank exports that are not UTF-8 are, in practice, the Windows code page of Western Europe and the
    // Americas; Latin-1 is a subset of it, so one decoder covers both.
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what binary data shows.
const CONTROL = /[\u0000-\u0008\u000e-\u001f]/g;

function refuseBinary(text: string): void {
  const head = text.slice(0, 8192);
  const controls = head.match(CONTROL)?.length ?? 0;
  if (controls > head.length * 0.01) {
    throw new ImportFileError(
      'The file is not a text file. Export the statement from your bank as CSV, OFX or QIF.',
    );
  }
}

/** Bytes to text: the encoding asked for, or the one the bytes show. Refuses files that are not text. */
export function decodeBytes(bytes: Uint8Array, encoding?: string): DecodedText {
  for (const [signature, name] of FOREIGN_SIGNATURES) {
    if (startsWith(bytes, signature)) {
      throw new ImportFileError(
        `The file is ${name}, not a statement export. Export it from your bank as CSV, OFX or QIF.`,
      );
    }
  }
  let decoded: DecodedText;
  if (encoding) {
    const decoder = decoderFor(encoding);
    const text = decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
    // TextDecoder drops a BOM that matches its own encoding; one in another encoding is just noise.
    decoded = { text: text.replace(/^\uFEFF/, ''), encoding: encoding.toLowerCase() };
  } else {
    decoded = detect(bytes);
  }
  if (decoded.text.trim() === '') throw new ImportFileError('The file is empty.');
  refuseBinary(decoded.text);
  return decoded;
}
