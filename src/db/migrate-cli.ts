// `npm run migrate`: bring the configured database up to date and say what ran.
import { runOnSupportedNode } from '../runtime/supported-node.js';

// Only now load the app: on an old Node the line above has already re-run us on the pinned one.
await runOnSupportedNode();
const { loadConfig } = await import('../config.js');
const { openDatabase } = await import('./database.js');
const { migrateToLatest } = await import('./migrator.js');

const config = loadConfig();
const handle = openDatabase(config.databaseUrl);
try {
  const ran = await migrateToLatest(handle.db);
  console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'Database is up to date.');
} finally {
  await handle.close();
}
