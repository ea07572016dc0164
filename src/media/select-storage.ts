// Which storage this instance uses: MEDIA_STORAGE, or by default the database on PostgreSQL (several
// instances share it) and the DATA_DIR/uploads folder on SQLite (one instance, backed up with the folder).
import { join } from 'node:path';
import type { AppContext } from '../context.js';
import { databaseStorage } from './database-storage.js';
import { localStorage } from './local-storage.js';
import type { MediaStorage } from './storage.js';

export function selectStorage(ctx: AppContext): MediaStorage {
  const wanted = ctx.config.mediaStorage === 'auto' ? (ctx.dialect === 'postgres' ? 'database' : 'local') : ctx.config.mediaStorage;
  return wanted === 'database' ? databaseStorage(ctx.db, ctx.dialect) : localStorage(join(ctx.config.dataDir, 'uploads'));
}
