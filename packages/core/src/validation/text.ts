import type { FieldErrors } from '../errors';

/** Django REST Framework's wording for a NUL character in a field. */
export const NUL_MESSAGE = 'Null characters are not allowed.';
export const LONE_SURROGATE_MESSAGE = 'Enter text without broken (unpaired surrogate) characters.';

// A quick test that almost every string fails, before the exact one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding the NUL character is the point.
const SUSPECT = /[\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Objects this deep are not finsight input; the schema refuses them anyway. */
const MAX_DEPTH = 8;

function problemOf(text: string): string | undefined {
  if (!SUSPECT.test(text)) return undefined;
  if (text.includes('\u0000')) return NUL_MESSAGE;
  return LONE_SURROGATE.test(text) ? LONE_SURROGATE_MESSAGE : undefined;
}

/**
 * Text PostgreSQL cannot store (a NUL byte) or that is not text at all (half of a UTF-16 surrogate pair),
 * anywhere in an input, by field path. Checked before any schema runs, for every service and endpoint
 * alike: left to the database such text failed as a 500, with the values in the log.
 */
export function unstorableText(value: unknown): FieldErrors | undefined {
  let found: FieldErrors | undefined;
  const visit = (current: unknown, path: string, depth: number) => {
    if (typeof current === 'string') {
      const problem = problemOf(current);
      if (problem) {
        found ??= {};
        found[path || 'non_field_errors'] = [problem];
      }
      return;
    }
    if (current === null || typeof current !== 'object' || depth >= MAX_DEPTH) return;
    // Bytes (an uploaded file) are not text, and walking a 20 MB buffer key by key took seconds.
    if (ArrayBuffer.isView(current)) return;
    for (const [key, inner] of Object.entries(current)) {
      const keyProblem = problemOf(key);
      const keyPath = keyProblem ? 'non_field_errors' : path ? `${path}.${key}` : key;
      if (keyProblem) {
        found ??= {};
        found[keyPath] = [keyProblem];
        continue;
      }
      visit(inner, keyPath, depth + 1);
    }
  };
  visit(value, '', 0);
  return found;
}
