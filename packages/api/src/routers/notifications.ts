import {
  getNotificationSettings,
  listDeliveries,
  rotateWebhookSecret,
  updateNotificationSettings,
} from '@finsight/core';
import { listDeliveriesInput, updateNotificationSettingsInput } from '@finsight/core/schemas';
import { protectedProcedure, router } from '../trpc';

/** Where alerts go beyond the app (daily digest, webhook), and the log of what was delivered. */
export const notificationsRouter = router({
  get: protectedProcedure.query(({ ctx }) => getNotificationSettings(ctx.db, ctx.userId)),
  /** A new webhook URL answers with its secret, this once. */
  update: protectedProcedure
    .input(updateNotificationSettingsInput)
    .mutation(({ ctx, input }) => updateNotificationSettings(ctx.db, ctx.userId, input)),
  rotateSecret: protectedProcedure.mutation(({ ctx }) => rotateWebhookSecret(ctx.db, ctx.userId)),
  deliveries: protectedProcedure
    .input(listDeliveriesInput)
    .query(({ ctx, input }) => listDeliveries(ctx.db, ctx.userId, input)),
});
