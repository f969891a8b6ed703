import { accountsRouter } from './routers/accounts';
import { alertsRouter } from './routers/alerts';
import { apiTokensRouter } from './routers/api-tokens';
import { authRouter } from './routers/auth';
import { budgetsRouter } from './routers/budgets';
import { categoriesRouter } from './routers/categories';
import { demoRouter } from './routers/demo';
import { forecastRouter } from './routers/forecast';
import { importsRouter } from './routers/imports';
import { insightsRouter } from './routers/insights';
import { notificationsRouter } from './routers/notifications';
import { recurringRouter } from './routers/recurring';
import { rulesRouter } from './routers/rules';
import { sessionsRouter } from './routers/sessions';
import { toolsRouter } from './routers/tools';
import { transactionsRouter } from './routers/transactions';
import { twoFactorRouter } from './routers/two-factor';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  sessions: sessionsRouter,
  apiTokens: apiTokensRouter,
  twoFactor: twoFactorRouter,
  categories: categoriesRouter,
  accounts: accountsRouter,
  transactions: transactionsRouter,
  imports: importsRouter,
  rules: rulesRouter,
  insights: insightsRouter,
  budgets: budgetsRouter,
  alerts: alertsRouter,
  recurring: recurringRouter,
  forecast: forecastRouter,
  notifications: notificationsRouter,
  demo: demoRouter,
  tools: toolsRouter,
});
