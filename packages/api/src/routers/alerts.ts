import { countUnreadAlerts, listAlerts, markAlert, markAllAlertsRead } from '@finsight/core';
import { listAlertsInput, markAlertInput } from '@finsight/core/schemas';
import { protectedProcedure, router } from '../trpc';

export const alertsRouter = router({
  list: protectedProcedure
    .input(listAlertsInput.optional())
    .query(({ ctx, input }) => listAlerts(ctx.db, ctx.userId, input)),
  /** The bell's number. */
  unreadCount: protectedProcedure.query(({ ctx }) => countUnreadAlerts(ctx.db, ctx.userId)),
  mark: protectedProcedure
    .input(markAlertInput)
    .mutation(({ ctx, input }) => markAlert(ctx.db, ctx.userId, input)),
  markAllRead: protectedProcedure.mutation(({ ctx }) => markAllAlertsRead(ctx.db, ctx.userId)),
});
