// `npm run restore -- FILE`: puts a backup in place of the SQLite database, with every Backtalk process
// stopped (it refuses otherwise), and reports the integrity check of the result.
import { runOnSupportedNode } from '../runtime/supported-node.js';

// Only now load the rest: on an old Node the line above has already re-run us on the pinned one.
await runOnSupportedNode();
const { resolve } = await import('node:path');
const { loadConfig } = await import('../config.js');
const { restoreSqlite, sqliteFileOf } = await import('./backup.js');
const { restoreMedia } = await import('./backup-media.js');

const from = process.argv[2];
if (!from) {
  console.error('Usage: npm run restore -- data/backups/backtalk-….db');
  process.exit(2);
}
const config = loadConfig();
const file = sqliteFileOf(config.databaseUrl);
if (!file) {
  console.error('DATABASE_URL is PostgreSQL: restore it with pg_restore (see the README, "Where data lives, and backups").');
  process.exit(2);
}
try {
  // npm runs scripts from the project root; a relative FILE means relative to where the command was typed.
  const backup = resolve(process.env.INIT_CWD ?? process.cwd(), from);
  const { integrity } = restoreSqlite(file, backup);
  console.log(`Restored ${from} to ${file} (integrity_check: ${integrity})`);
  // After the database (which refuses while the blog runs), so a refused restore leaves the media as they were.
  const media = restoreMedia(config.dataDir, backup, new Date());
  console.log(media ? `Media: ${media.files} files restored to ${config.dataDir}/uploads/` : 'Media: this backup has no uploads folder beside it; data/uploads/ left as it was.');
  process.exit(integrity === 'ok' ? 0 : 1);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
