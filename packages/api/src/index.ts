import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './root';

export type { AppRouter } from './root';
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export {
  createFinsightClient,
  type FinsightClient,
  type FinsightClientOptions,
  finsightLinks,
  memoryTokenStore,
  type TokenStore,
  type Tokens,
} from './client';
