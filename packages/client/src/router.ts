import type { AppRouter } from '@finsight/api';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';

export type { AppRouter };
/** The input of every procedure: `RouterInputs['transactions']['create']`. */
export type RouterInputs = inferRouterInputs<AppRouter>;
/** The output of every procedure: `RouterOutputs['transactions']['list']['items'][number]`. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;
