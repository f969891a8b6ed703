/** @finsight/api is the HTTP server; what clients take from it is the router's type (via @finsight/client). */
export type { AppRouter } from './client-router';
