// The web app's one door to the shared schemas. zod must be told not to compile parsers with `new Function`
// (see zod-config.ts) before the first schema is built, and the bundler may put the schemas in a chunk that
// runs before main.tsx does: importing them through this module puts the setting ahead of them, wherever
// they end up.
import './zod-config';

export * from '@finsight/core/schemas';
// Field errors in words for people (one per field, saying what to do): shadows core's `fieldErrorsOf`.
export { fieldErrorsOf } from './field-errors';
