// `npm run backup`: an online backup of the SQLite database to data/backups/, safe while the blog runs.
import { runOnSupportedNode } from '../runtime/supported-node.js';

// Only now load the rest: on an old Node the line above has already re-run us on the pinned one.
await runOnSupportedNode();
const { loadConfig } = await import('../config.js');
const { backupSqlite, sqliteFileOf } = await import('./backup.js');

const config = loadConfig();
const file = sqliteFileOf(config.databaseUrl);
if (!file) {
  const local = config.mediaStorage === 'local';
  console.error(
    'DATABASE_URL is PostgreSQL: back it up with pg_dump (see the README, "Where data lives, and backups"). ' +
      (local ? `MEDIA_STORAGE=local: copy ${config.dataDir}/uploads/ too, after the dump.` : 'Media are in the database (media_chunks), so the dump holds them.'),
  );
  process.exit(2);
}
const { path, integrity, media } = await backupSqlite(file, config.dataDir, new Date());
console.log(`Backup written to ${path} (integrity_check: ${integrity})`);
console.log(`Media: ${media.files} files in ${path.replace(/\.db$/, '')}.uploads/`);
if (media.missing.length > 0) console.error(`Media: ${media.missing.length} files the backup's database names are missing (deleted while the backup ran?): ${media.missing.slice(0, 10).join(', ')}`);
process.exit(integrity === 'ok' && media.missing.length === 0 ? 0 : 1);
