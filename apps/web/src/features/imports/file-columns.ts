/**
 * The columns of a delimited file, for the mapping dropdowns. The preview names only the columns it chose,
 * so the header line (or, without one, the first row) is read here from the start of the file, with the
 * delimiter, encoding and header row the server detected.
 */

export interface ColumnChoice {
  /** What the importer takes as the column: the header name, or the 0-based index as digits. */
  value: string;
  label: string;
}

/** The first bytes of the file as text, in the encoding the server detected ('utf-8-bom' is utf-8). */
export function decodeHead(bytes: Uint8Array, encoding: string): string {
  const label = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

/** Where 1-based `line` starts in `text` (\r\n, \n and \r each end a line); -1 past the end. */
function lineStart(text: string, line: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) {
    const next = text.slice(offset).search(/\r\n|\n|\r/);
    if (next < 0) return -1;
    offset += next + (text.startsWith('\r\n', offset + next) ? 2 : 1);
  }
  return offset;
}

/** The fields of the record that starts at `offset`: quotes may hold delimiters, doubled quotes and line breaks. */
export function recordAt(text: string, offset: number, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = offset; index < text.length; index++) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (char === delimiter) {
      fields.push(field.trim());
      field = '';
    } else if (char === '\n' || char === '\r') break;
    else field += char;
  }
  fields.push(field.trim());
  return fields;
}

const shorten = (text: string) => (text.length > 24 ? `${text.slice(0, 23).trimEnd()}…` : text);

/**
 * The choices for a column dropdown: header names (a blank or repeated name goes by its index), or for a
 * file without a header "Column 1", "Column 2"… Each shows a value from the first data row, when there is one.
 */
export function columnChoices(
  text: string,
  delimiter: string,
  headerRow: number | null,
  firstDataLine: number | undefined,
): ColumnChoice[] {
  const separator = delimiter === 'tab' ? '\t' : delimiter;
  const sampleStart = firstDataLine === undefined ? -1 : lineStart(text, firstDataLine);
  const sample = sampleStart >= 0 ? recordAt(text, sampleStart, separator) : [];
  const headerStart = headerRow === null ? -1 : lineStart(text, headerRow);
  const names = headerStart >= 0 ? recordAt(text, headerStart, separator) : sample.map(() => '');
  const seen = new Set<string>();
  return names.map((name, index) => {
    const unique = name !== '' && !seen.has(name.toLowerCase());
    seen.add(name.toLowerCase());
    const example = sample[index] ? ` (e.g. ${shorten(sample[index] as string)})` : '';
    return {
      value: unique ? name : String(index),
      label: `${name || `Column ${index + 1}`}${example}`,
    };
  });
}
