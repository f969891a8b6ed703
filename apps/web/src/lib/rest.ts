import { fileNameOf, OFFLINE, RestError, restErrorOf } from './rest-errors';
import { tokenStore, trpcClient } from './trpc';

/**
 * A request to the REST endpoints (file uploads and downloads, which tRPC's JSON does not carry well) with
 * the signed-in user's access token. The token logic stays in one place: when the access token has expired
 * (401), one call through the tRPC client lets its link refresh the pair (once, across tabs), and the
 * request is sent again with the new token. If the refresh is refused the tokens are cleared and the
 * session ends, as for any other call.
 */
export async function restFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const send = () => {
    const headers = new Headers(init.headers);
    const access = tokenStore.get()?.access;
    if (access) headers.set('authorization', `Bearer ${access}`);
    return fetch(path, { ...init, headers });
  };
  const first = await send();
  if (first.status !== 401 || !tokenStore.get()?.refresh) return first;
  try {
    await trpcClient.auth.me.query();
  } catch {
    return first;
  }
  return send();
}

/** JSON from a REST endpoint, or a RestError (OFFLINE when the server cannot be reached). */
export async function restJson<Result>(path: string, init: RequestInit = {}): Promise<Result> {
  let response: Response;
  try {
    response = await restFetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new RestError(OFFLINE, 0);
  }
  if (!response.ok) throw await restErrorOf(response);
  return (await response.json()) as Result;
}

/** Downloads what a REST endpoint answers as a file (the token has to go along, so no plain link). */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  let response: Response;
  try {
    response = await restFetch(path);
  } catch {
    throw new RestError(OFFLINE, 0);
  }
  if (!response.ok) throw await restErrorOf(response);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  link.click();
  URL.revokeObjectURL(link.href);
}
