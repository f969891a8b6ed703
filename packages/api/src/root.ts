import { authRouter } from './routers/auth';
import { categoriesRouter } from './routers/categories';
import { demoRouter } from './routers/demo';
import { insightsRouter } from './routers/insights';
import { transactionsRouter } from './routers/transactions';
import { router } from './trpc';

export const appRouter = router({
  auth: authRouter,
  categories: categoriesRouter,
  transactions: transactionsRouter,
  insights: insightsRouter,
  demo: demoRouter,
});

export type AppRouter = typeof appRouter;
