import {
  beginTwoFactorSetup,
  confirmTwoFactor,
  disableTwoFactor,
  getTwoFactorStatus,
  regenerateRecoveryCodes,
} from '@finsight/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { codeBody, disableTwoFactorBody, passwordBody } from './account-bodies';
import { recoveryCodesResource, twoFactorSetupResource, twoFactorStatusResource } from './account-resources';
import { errorResponses, noContent, success } from './responses';
import { PROTECTED } from './security';
import { toSnakeCase } from './serializers';

const tags = { ...PROTECTED, tags: ['account'] };
const SESSION_ONLY = { sessionOnly: true };
const errors = errorResponses(400, 401, 403, 409, 413, 415, 429, 503);

/** TOTP two-factor authentication (any authenticator app), with single-use recovery codes. */
export const twoFactorRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/2fa/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'getTwoFactorStatus',
        summary: 'Whether 2FA is on, and how many recovery codes are left',
        response: {
          200: success(twoFactorStatusResource, 'The status'),
          ...errorResponses(401, 403, 429, 503),
        },
      },
    },
    async (request) => toSnakeCase(await getTwoFactorStatus(request.db, request.userId)),
  );

  app.post(
    '/2fa/setup/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'setUpTwoFactor',
        summary: 'Start turning 2FA on: a new secret',
        description:
          'Add it to an authenticator app (the URI as a QR code), then confirm with a code from the app.',
        response: { 200: success(twoFactorSetupResource, 'The secret to add'), ...errors },
      },
    },
    async (request) => toSnakeCase(await beginTwoFactorSetup(request.db, request.userId)),
  );

  app.post(
    '/2fa/confirm/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'confirmTwoFactor',
        summary: 'Turn 2FA on with a code from the app',
        description: 'Answers 10 recovery codes, shown this once: keep them somewhere safe.',
        body: codeBody,
        response: { 200: success(recoveryCodesResource, '2FA is on'), ...errors },
      },
    },
    async (request) => toSnakeCase(await confirmTwoFactor(request.db, request.userId, request.body)),
  );

  app.post(
    '/2fa/disable/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'disableTwoFactor',
        summary: 'Turn 2FA off',
        description: 'Takes the password and a code (or a recovery code).',
        body: disableTwoFactorBody,
        response: { 204: noContent, ...errors },
      },
    },
    async (request, reply) => {
      await disableTwoFactor(request.db, request.userId, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/2fa/recovery-codes/',
    {
      config: SESSION_ONLY,
      schema: {
        ...tags,
        operationId: 'regenerateRecoveryCodes',
        summary: 'New recovery codes (the old ones stop working)',
        body: passwordBody,
        response: { 200: success(recoveryCodesResource, 'The new codes, shown this once'), ...errors },
      },
    },
    async (request) => toSnakeCase(await regenerateRecoveryCodes(request.db, request.userId, request.body)),
  );
};
