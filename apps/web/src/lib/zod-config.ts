import { z } from 'zod';

// zod compiles object parsers with `new Function` when it can. The page's Content-Security-Policy forbids
// that (no 'unsafe-eval'), and even probing for it is reported as a violation, so it is switched off. This
// module is imported first, before any schema is built.
z.config({ jitless: true });
