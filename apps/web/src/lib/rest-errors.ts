/** What a refused REST answer means for the user: pure, so it is tested without a browser. */

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
 * for a 4xx, with the remaining messages of that field as details; a generic sentence for a 5xx.
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
    if (typeof record.detail === 'string') return new RestError(record.detail, response.status);
    for (const value of Object.values(record)) {
      const messages = (Array.isArray(value) ? value : [value]).filter(
        (item): item is string => typeof item === 'string',
      );
      const [first, ...rest] = messages;
      if (first) return new RestError(first, response.status, rest);
    }
  }
  return new RestError(`The request was refused (${response.status}).`, response.status);
}

/** The file name a Content-Disposition header gives, or `fallback`. */
export function fileNameOf(contentDisposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(contentDisposition ?? '')?.[1] ?? fallback;
}
