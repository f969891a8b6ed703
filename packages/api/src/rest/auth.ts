import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AuthFlows, ClientInfo } from '../auth/auth-flows';
import { loginWithCodeBody, passwordResetBody, passwordResetConfirmBody } from './account-bodies';
import { detailResource, mfaChallengeResource } from './account-resources';
import { tokenPairResource, userResource } from './resources';
import { errorResponses, noContent, success } from './responses';
import { loginBody, refreshBody, registerBody } from './schemas';
import { userJson } from './serializers';

/** Public: no token needed (and none looked at). */
const PUBLIC = { tags: ['auth'], security: [] };

/** dj-rest-auth's wording. */
export const RESET_SENT = 'Password reset e-mail has been sent.';
export const RESET_DONE = 'Password has been reset with the new password.';

export const clientOf = (request: { ip: string; headers: { 'user-agent'?: string } }): ClientInfo => ({
  ip: request.ip,
  userAgent: request.headers['user-agent'],
});

/**
 * The public authentication endpoints (simplejwt / dj-rest-auth shapes): register, log in (with the 2FA step
 * when it is on), refresh with rotation, log out, and the password reset. Rate-limited per IP and per email.
 */
export const authRoutes: FastifyPluginAsyncZod<{ flows: AuthFlows }> = async (app, { flows }) => {
  app.post(
    '/register/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'register',
        summary: 'Create an account',
        description: 'Passwords are checked against common and guessable ones. Emails are stored lower-case.',
        body: registerBody,
        response: {
          201: success(userResource, 'The new account'),
          ...errorResponses(400, 413, 415, 429, 503),
        },
      },
    },
    async (request, reply) => {
      const profile = await flows.register(request.body, clientOf(request));
      return reply.status(201).send(userJson(profile));
    },
  );

  app.post(
    '/login/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'login',
        summary: 'Get an access and a refresh token',
        description:
          'With two-factor authentication on, the answer is `{"mfa_required": true, "mfa_token": "…"}` instead: ' +
          'send that token with a code to `POST /api/auth/login/mfa/`.',
        body: loginBody,
        response: {
          200: success(z.union([tokenPairResource, mfaChallengeResource]), 'A token pair, or the 2FA step'),
          ...errorResponses(400, 401, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const result = await flows.login(request.body, clientOf(request));
      return result.mfaRequired
        ? { mfa_required: true as const, mfa_token: result.mfaToken }
        : { access: result.access, refresh: result.refresh };
    },
  );

  app.post(
    '/login/mfa/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'loginWithCode',
        summary: 'Finish a login with a 2FA code',
        description:
          'A code from the authenticator app, or one of the recovery codes. Attempts are rate-limited.',
        body: loginWithCodeBody,
        response: {
          200: success(tokenPairResource, 'A token pair for the account'),
          ...errorResponses(400, 401, 413, 415, 429, 503),
        },
      },
    },
    async (request) => {
      const { access, refresh } = await flows.loginWithCode(
        { mfaToken: request.body.mfa_token, code: request.body.code },
        clientOf(request),
      );
      return { access, refresh };
    },
  );

  app.post(
    '/refresh/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'refreshToken',
        summary: 'Trade a refresh token for a new token pair',
        description:
          'Refresh tokens rotate: the one sent is used up, and the answer carries the next one. Sending a used ' +
          'refresh token again ends its session, since someone else may hold it.',
        body: refreshBody,
        response: {
          200: success(tokenPairResource, 'A new access token and the next refresh token'),
          ...errorResponses(400, 401, 413, 415, 429, 503),
        },
      },
    },
    async (request) => flows.refresh(request.body.refresh, clientOf(request)),
  );

  app.post(
    '/logout/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'logout',
        summary: 'End the session of a refresh token',
        description: 'Its refresh token and every access token of the session stop working at once.',
        body: refreshBody,
        response: { 204: noContent, ...errorResponses(400, 401, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      await flows.logout(request.body.refresh, clientOf(request));
      return reply.status(204).send();
    },
  );

  app.post(
    '/password/reset/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'requestPasswordReset',
        summary: 'Mail a password reset link',
        description:
          'The same answer, in the same time, whether or not the email has an account. The link works once, ' +
          'for 30 minutes.',
        body: passwordResetBody,
        response: { 202: success(detailResource, 'Accepted'), ...errorResponses(400, 413, 415, 429, 503) },
      },
    },
    async (request, reply) => {
      await flows.requestPasswordReset(request.body, clientOf(request));
      return reply.status(202).send({ detail: RESET_SENT });
    },
  );

  app.post(
    '/password/reset/confirm/',
    {
      schema: {
        ...PUBLIC,
        operationId: 'confirmPasswordReset',
        summary: 'Set a new password with the token from the reset mail',
        description: 'Every session of the account ends: log in again with the new password.',
        body: passwordResetConfirmBody,
        response: { 200: success(detailResource, 'Done'), ...errorResponses(400, 413, 415, 429, 503) },
      },
    },
    async (request) => {
      await flows.confirmPasswordReset(
        { token: request.body.token, newPassword: request.body.new_password },
        clientOf(request),
      );
      return { detail: RESET_DONE };
    },
  );
};
