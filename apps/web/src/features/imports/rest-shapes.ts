import type { ImportPreview, ImportResult } from '../../lib/schemas';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const camel = (key: string) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The REST answer's snake_case keys in the core types' camelCase (values, header names included, untouched). */
function camelKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [camel(key), camelKeys(inner)]));
  return value;
}

/** The preview as core types it (REST names the account `account`). */
export function toPreview(json: unknown): ImportPreview {
  const { account, ...rest } = camelKeys(json as Json) as unknown as Omit<ImportPreview, 'accountId'> & {
    account: number;
  };
  return { ...rest, accountId: account };
}

export const toImportResult = (json: unknown) => camelKeys(json as Json) as unknown as ImportResult;
