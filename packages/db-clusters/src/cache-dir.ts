import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * Kept between runs, git-ignored: the Citus build (the second `up` on a machine skips the 3-minute build) and
 * the record of what each `up` started.
 */
export const CACHE = process.env.FINSIGHT_CACHE_DIR ?? join(REPO, '.cache');
