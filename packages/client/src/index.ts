/** @finsight/client: the typed client for finsight's tRPC API. */
export { createFinsightClient, type FinsightClient, type FinsightClientOptions } from './create-client';
export { type FinsightCallContext, type FinsightLinkOptions, finsightLinks } from './links';
export type { AppRouter, RouterInputs, RouterOutputs } from './router';
export { memoryTokenStore, type TokenStore, type Tokens } from './token-store';
