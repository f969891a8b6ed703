import { ImportFileError } from './errors';
import type { ImportFormat } from './types';

const OFX_START = /^(?:OFXHEADER|<\?OFX|<OFX>)/i;
const QIF_START = /^!(?:Type|Account|Option|Clear)\b/i;
const HINTS: [pattern: RegExp, format: ImportFormat][] = [
  [/ofx|qfx/i, 'ofx'],
  [/qif/i, 'qif'],
];

function firstLine(text: string): string {
  const end = text.search(/\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}

/**
 * Which reader a file needs, from its first bytes. The content type is only a tie-breaker: browsers send
 * text/csv or application/octet-stream for almost anything, so a wrong hint must not win over the bytes.
 */
export function sniffFormat(text: string, contentType?: string): ImportFormat {
  const start = text.trimStart();
  if (OFX_START.test(start)) return 'ofx';
  if (start.startsWith('<?xml')) {
    if (/<OFX>|<\?OFX/i.test(start.slice(0, 4096))) return 'ofx';
    throw new ImportFileError(
      'The file is XML but not OFX (for example CAMT.053); export the statement as CSV, OFX or QIF instead.',
    );
  }
  if (QIF_START.test(firstLine(start))) return 'qif';
  const hinted = HINTS.find(([pattern]) => contentType && pattern.test(contentType))?.[1];
  // Some exports put a banner line before the OFX header; the hint lets us look past it.
  if (hinted === 'ofx' && /<OFX>/i.test(start.slice(0, 4096))) return 'ofx';
  if (hinted === 'qif' && /^!Type:/im.test(start.slice(0, 4096))) return 'qif';
  return 'csv';
}
