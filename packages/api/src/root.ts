import { authRouter } from './routers/auth';
import { categoriesRouter } from './routers/categories';
import { demoRouter } from './routers/demo';
import { insightsRouter } from './routers/insights';
import { toolsRouter } from './routers/tools';
import { transactionsRouter } from './routers/transactions';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  categories: categoriesRouter,
  transactions: transactionsRouter,
  insights: insightsRouter,
  demo: demoRouter,
  tools: toolsRouter,
});
