/** The Cache-Control policies finsight answers with. */

/** Vite names every asset after its content, so a file under /assets/ never changes: a year, immutable. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Anything else the web app is made of (index.html, robots.txt): checked with the server on every use. */
export const REVALIDATE = 'no-cache';

/** Answers that carry user data or tokens (REST, tRPC, MCP): no cache, shared or private, may keep them. */
export const NO_STORE = 'no-store';
