import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { restJson } from '../../lib/rest';
import type { ImportPreview } from '../../lib/schemas';
import { columnChoices, decodeHead } from './file-columns';
import { type ImportOverrides, previewPath } from './import-query';
import { toPreview } from './rest-shapes';

/** The bytes read for the column names: enough for any preamble and header. */
const HEAD_BYTES = 256 * 1024;

export interface ChosenFile {
  file: File;
  /** A new number for every file chosen, even the same one again. */
  key: number;
}

export const fileBody = (file: File): RequestInit => ({
  method: 'POST',
  body: file,
  headers: { 'content-type': file.type || 'application/octet-stream' },
});

/**
 * The server's preview of a file with the user's overrides, re-run whenever they change. The last good
 * preview stays on screen while a new one loads or when an override is refused, so the mapping can be put
 * right; the column dropdowns come from the file's own header.
 */
export function useImportPreview(
  chosen: ChosenFile | null,
  accountId: number | undefined,
  overrides: ImportOverrides,
) {
  const preview = useQuery({
    queryKey: ['import-preview', chosen?.key, accountId, overrides],
    queryFn: async ({ signal }) => {
      if (!chosen) throw new Error('no file');
      const path = previewPath(accountId, chosen.file.name, overrides);
      return toPreview(await restJson(path, { ...fileBody(chosen.file), signal }));
    },
    enabled: chosen !== null && accountId !== undefined,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60_000,
    retry: false,
    refetchOnWindowFocus: false,
  });

  const lastGood = useRef<{ key: number; data: ImportPreview } | null>(null);
  if (preview.data && chosen) lastGood.current = { key: chosen.key, data: preview.data };
  const shown =
    preview.data ?? (lastGood.current && lastGood.current.key === chosen?.key ? lastGood.current.data : null);

  const [head, setHead] = useState<{ key: number; bytes: Uint8Array } | null>(null);
  useEffect(() => {
    if (!chosen) return;
    let current = true;
    chosen.file
      .slice(0, HEAD_BYTES)
      .arrayBuffer()
      .then((buffer) => {
        if (current) setHead({ key: chosen.key, bytes: new Uint8Array(buffer) });
      })
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [chosen]);

  const columns = useMemo(() => {
    if (!shown || !head || head.key !== chosen?.key || shown.detected.delimiter === null) return [];
    const text = decodeHead(head.bytes, shown.detected.encoding);
    return columnChoices(text, shown.detected.delimiter, shown.detected.headerRow, shown.rows[0]?.line);
  }, [shown, head, chosen]);

  return { preview, shown, columns };
}
