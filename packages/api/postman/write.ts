import { writeFileSync } from 'node:fs';
import { COLLECTION_FILE, renderPostmanCollection } from './collection';

writeFileSync(COLLECTION_FILE, renderPostmanCollection());
console.log(`wrote ${COLLECTION_FILE.pathname}`);
