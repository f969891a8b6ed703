import { accountsRouter } from './routers/accounts';
import { apiTokensRouter } from './routers/api-tokens';
import { authRouter } from './routers/auth';
import { categoriesRouter } from './routers/categories';
import { demoRouter } from './routers/demo';
import { importsRouter } from './routers/imports';
import { insightsRouter } from './routers/insights';
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
  demo: demoRouter,
  tools: toolsRouter,
});
