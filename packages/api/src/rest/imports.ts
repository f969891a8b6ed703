import { listImports, previewImport, runImport, undoImport } from '@finsight/core';
import { type ImportPreview, MAX_IMPORT_BYTES } from '@finsight/core/schemas';
import type { FastifyError } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { COSTS } from '../fairness/costs';
import { handleError } from './errors';
import { importPreviewQuery, importQuery } from './finance-bodies';
import {
  importPreviewResource,
  importRecordResource,
  importResultResource,
  importUndoneResource,
} from './finance-resources';
import { errorResponses, success } from './responses';
import { idParams } from './schemas';
import { PROTECTED } from './security';
import { toSnakeCase } from './serializers';

const tags = { ...PROTECTED, tags: ['imports'] };

/** The content types a bank file arrives as; anything else is read as bytes and sniffed all the same. */
const FILE_TYPES = [
  'text/csv',
  'text/plain',
  'text/tab-separated-values',
  'application/csv',
  'application/x-ofx',
  'application/ofx',
  'application/vnd.intu.qfx',
  'application/qif',
  'application/x-qif',
  'application/octet-stream',
];

const TOO_LARGE = `The file is over ${MAX_IMPORT_BYTES / 1048576} MB, the most one import takes. Split it by date and import the parts.`;

const fileBody = z.any().meta({
  description:
    'The bank file as it was downloaded: CSV (any delimiter, encoding, header language, or no header), OFX/QFX ' +
    '(1.x SGML or 2.x XML) or QIF. Up to 20 MB and 200,000 rows.',
  type: 'string',
  format: 'binary',
});

type ImportQuery = z.output<typeof importQuery> & { preview_rows?: number };

/** The query's overrides in the core service's names. */
function optionsOf(query: ImportQuery, contentType: string | undefined) {
  return {
    accountId: query.account,
    dateColumn: query.date_column,
    amountColumn: query.amount_column,
    debitColumn: query.debit_column,
    creditColumn: query.credit_column,
    typeColumn: query.type_column,
    payeeColumn: query.payee_column,
    noteColumn: query.note_column,
    categoryColumn: query.category_column,
    dateFormat: query.date_format,
    decimal: query.decimal,
    delimiter: query.delimiter,
    encoding: query.encoding,
    skipRows: query.skip_rows,
    invert: query.invert,
    contentType,
    fileName: query.file_name,
  };
}

const text = (value: string | null) => (value === null ? 'null' : JSON.stringify(value));

/** The preview in the response schema's shape, as JSON text (imports.test.ts holds it to that schema). */
export function previewJsonText(preview: ImportPreview): string {
  const { rows, summary, detected, accountId, format } = preview;
  let body = '';
  for (const row of rows) {
    body += `${body ? ',' : ''}{"line":${row.line},"date":${text(row.date)},"type":${text(row.type)},"amount":${text(row.amount)},"payee":${JSON.stringify(row.payee)},"note":${JSON.stringify(row.note)},"category":${text(row.category)},"category_source":${text(row.categorySource)},"duplicate_of":${row.duplicateOf},"error":${text(row.error)}}`;
  }
  const head = JSON.stringify({ format, account: accountId, detected: toSnakeCase(detected) });
  return `${head.slice(0, -1)},"rows":[${body}],"summary":${JSON.stringify(toSnakeCase(summary))}}`;
}

const asBytes = (body: unknown) => (body instanceof Uint8Array ? body : new Uint8Array());

const IMPORT_ERRORS = errorResponses(400, 401, 403, 404, 409, 413, 429, 503);

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  // The file is the raw body, read as bytes whatever it claims to be (it is sniffed): no JSON parsing here.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) =>
    done(null, body),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.status(413).send({ detail: TOO_LARGE });
    if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      return reply.status(400).send({ file: ['Send the bank file as the request body.'] });
    }
    return handleError(error, request, reply);
  });

  app.post(
    '/imports/preview/',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { cost: COSTS.importPreview },
      schema: {
        ...tags,
        operationId: 'previewImport',
        summary: 'See what importing a bank file would do, writing nothing',
        description:
          'Detects the format, encoding, delimiter, header row, date format, decimal separator and columns with ' +
          'no configuration; every guess can be overridden with the query parameters. Each row comes back as it ' +
          'would be stored, with where its category comes from (`file`, `rule`, `learned`, `default`), the ' +
          'transaction it repeats (`duplicate_of`) or why it cannot be read (`error`, with its line).',
        querystring: importPreviewQuery,
        consumes: FILE_TYPES,
        body: fileBody,
        response: {
          200: success(importPreviewResource, 'The detected layout and every row'),
          ...IMPORT_ERRORS,
        },
      },
    },
    async (request, reply) => {
      const preview = await previewImport(request.db, request.userId, {
        ...optionsOf(request.query, request.headers['content-type']),
        previewRows: request.query.preview_rows,
        file: asBytes(request.body),
      });
      // Up to 200,000 rows: written as text directly, as the transaction list is (a wire object per row
      // and the schema-driven writer took as long as reading the file).
      return reply
        .header('content-type', 'application/json; charset=utf-8')
        .send(previewJsonText(preview) as never);
    },
  );

  app.post(
    '/imports/',
    {
      bodyLimit: MAX_IMPORT_BYTES,
      config: { cost: COSTS.bulkImport },
      schema: {
        ...tags,
        operationId: 'runImport',
        summary: 'Import a bank file into an account',
        description:
          'The same body and parameters as the preview. All or nothing: a row that cannot be read stops the whole ' +
          'import (400, with the lines) unless `skip_errors=true`. Rows the account already has are skipped; ' +
          'importing the same file again imports nothing. Undo with `DELETE /api/finance/imports/{id}/`.',
        querystring: importQuery,
        consumes: FILE_TYPES,
        body: fileBody,
        response: { 201: success(importResultResource, 'What was imported'), ...IMPORT_ERRORS },
      },
    },
    async (request, reply) => {
      const { skip_duplicates, create_categories, skip_errors } = request.query;
      const result = await runImport(request.db, request.userId, {
        ...optionsOf(request.query, request.headers['content-type']),
        skipDuplicates: skip_duplicates,
        createCategories: create_categories,
        skipErrors: skip_errors,
        file: asBytes(request.body),
      });
      return reply.status(201).send(toSnakeCase(result));
    },
  );

  app.get(
    '/imports/',
    {
      schema: {
        ...tags,
        operationId: 'listImports',
        summary: 'Your imports, newest first',
        response: {
          200: success(z.array(importRecordResource), 'The import history'),
          ...errorResponses(401, 429, 503),
        },
      },
    },
    async (request) =>
      (await listImports(request.db, request.userId)).map(({ accountId, ...record }) =>
        toSnakeCase({ ...record, account: accountId }),
      ),
  );

  app.delete(
    '/imports/:id/',
    {
      config: { cost: COSTS.bulkImport },
      schema: {
        ...tags,
        operationId: 'undoImport',
        summary: 'Undo an import',
        description:
          'Removes exactly the transactions it brought in (also if edited since) and its history entry.',
        params: idParams,
        response: {
          200: success(importUndoneResource, 'How many transactions went'),
          ...errorResponses(401, 403, 404, 429, 503),
        },
      },
    },
    async (request) => undoImport(request.db, request.userId, request.params),
  );
};
