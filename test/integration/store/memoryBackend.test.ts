// The store's own integration tests, every file of this folder, declared a second time on the
// in-memory Table Storage (test/support/memoryTables.ts) after running on Azurite: the proof that
// the in-memory table has the semantics the store relies on (ETags and 412, atomic entity-group
// transactions, key ranges and paging, sizes), so flows can be tested on it at unit speed.
// Where the two differ, the in-memory table is fixed, never the tests.
//   STORE_BACKEND=memory mocha 'test/integration/store/*.test.ts'   runs them on memory only.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { onBackend } from './support.js';

const HERE = __filename.split(/[\\/]/).pop()!;

if (process.env.STORE_BACKEND !== 'memory') {
  describe('The store on the in-memory table (test/support/memoryTables.ts): the same tests as on Azurite', () => {
    onBackend('memory', () => {
      for (const file of readdirSync(__dirname)
        .filter((f) => f.endsWith('.test.ts') && f !== HERE)
        .sort()) {
        // Loaded afresh so its suites are declared here, then forgotten so mocha's own load declares them again (on Azurite).
        const path = join(__dirname, file);
        const before = require.cache[path];
        delete require.cache[path];
        require(path);
        delete require.cache[path];
        if (before) require.cache[path] = before;
      }
    });
  });
}
