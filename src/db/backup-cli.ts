// `npm run backup`: an online backup of the SQLite database to data/backups/, safe while the blog runs.
import { runOnSupportedNode } from '../runtime/supported-node.js';

// Only now load the rest: on an old Node the line above has already re-run us on the pinned one.
await runOnSupportedNode();
const { loadConfig } = await import('../config.js');
const { backupSqlite, sqliteFileOf } = await import('./backup.js');

const config = loadConfig();
const file = sqliteFileOf(config.databaseUrl);
if (!file) {
  console.error('DATABASE_URL is PostgreSQL: back it up with pg_dump (see the README, "Where data lives, and backups").');
  process.exit(2);
}
const { path, integrity } = await backupSqlite(file, config.dataDir, new Date());
console.log(`Backup written to ${path} (integrity_check: ${integrity})`);
process.exit(integrity === 'ok' ? 0 : 1);
