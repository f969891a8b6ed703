/** What a refused REST answer means for the user: pure, so it is tested without a browser. */
import { fieldMessage, friendlyMessage } from './messages';

/** A refused REST call, with the server's message and any details it listed (e.g. the lines of a file). */
export class RestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details: string[] = [],
  ) {
    super(message);
    this.name = 'RestError';
  }
}

const GENERIC = 'Something went wrong on our side. Please try again.';
export const OFFLINE = 'Cannot reach finsight. Check your connection and try again.';

/**
 * The error a REST answer stands for: the first message of DRF-style bodies (`{detail}`, `{field: [...]}`)
 * for a 4xx, in words for people (messages.ts; the body itself stays as DRF clients expect it), with the
 * remaining messages of that field as details; a generic sentence for a 5xx.
 */
export async function restErrorOf(response: Response): Promise<RestError> {
  if (response.status >= 500) return new RestError(GENERIC, response.status);
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: fall back to the status.
  }
  if (body && typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const where = pathOf(response.url);
    if (typeof record.detail === 'string')
      return new RestError(friendlyMessage(record.detail, where), response.status);
    for (const [field, value] of Object.entries(record)) {
      const messages = (Array.isArray(value) ? value : [value]).filter(
        (item): item is string => typeof item === 'string',
      );
      const [first, ...rest] = messages;
      const name = field === 'non_field_errors' ? undefined : field;
      if (first) return new RestError(fieldMessage(first, name), response.status, rest);
    }
  }
  if (response.status === 404) return new RestError(friendlyMessage('Not found.', pathOf(response.url)), 404);
  return new RestError(
    `The request was refused (${response.status}). Reload the page and try again.`,
    response.status,
  );
}

function pathOf(url: string): string | undefined {
  try {
    return url ? new URL(url).pathname : undefined;
  } catch {
    return undefined;
  }
}

/** The file name a Content-Disposition header gives, or `fallback`. */
export function fileNameOf(contentDisposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(contentDisposition ?? '')?.[1] ?? fallback;
}
