/** Test helpers shared with the other packages' suites (`@finsight/core/testing`). */

export { seededRandom } from '../demo/seeded-random';
export { createCitusDatabase, dropCitusDatabase } from './citus-databases';
export { createTestDatabase, type TestDatabase } from './db';
export { onPostgresServer } from './env';
export { createUser, deleteUserRow, type TableCounts, tableCounts } from './fixtures';
