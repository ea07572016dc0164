// `npm run migrate`: bring the configured database up to date and say what ran.
import { loadConfig } from '../config.js';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrator.js';

const config = loadConfig();
const handle = openDatabase(config.databaseUrl);
try {
  const ran = await migrateToLatest(handle.db);
  console.log(ran.length ? `Applied: ${ran.join(', ')}` : 'Database is up to date.');
} finally {
  await handle.close();
}
