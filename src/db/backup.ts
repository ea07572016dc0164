// SQLite backups that restore (issue 18 point 7). A backup is SQLite's online backup API, so it is a
// consistent copy taken while the blog runs. A restore refuses while any process has the database open,
// checks the copy before it goes in place, and removes the old -wal and -shm companions: left behind by a
// crash, SQLite would replay them onto the restored copy ("database disk image is malformed").
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { finishMediaBackup, startMediaBackup } from './backup-media.js';

/** The SQLite file a DATABASE_URL names, or null for PostgreSQL (whose tools are pg_dump / pg_restore). */
export function sqliteFileOf(databaseUrl: string): string | null {
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return null;
  const file = databaseUrl.replace(/^sqlite:(\/\/)?/, '');
  return file === ':memory:' ? null : resolve(file);
}

export class DatabaseInUse extends Error {}

/** "ok", or SQLite's list of problems. */
export function integrityOf(file: string): string {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/**
 * Copies the live database to `<dataDir>/backups/<name>-<UTC time>.db` and checks the copy, with the media
 * folder beside it as `<name>-<UTC time>.uploads/` (backup-media.ts says why files go in before and after).
 */
export async function backupSqlite(file: string, dataDir: string, now: Date): Promise<{ path: string; integrity: string; media: { files: number; missing: string[] } }> {
  const dir = join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `${basename(file, '.db')}-${stamp}.db`);
  const first = startMediaBackup(dataDir, path);
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // Everything left in one step after the first: a write by the running blog between steps restarts the
    // copy, and many small steps under steady writes could restart for ever.
    await db.backup(path, { progress: () => 1_000_000_000 });
  } finally {
    db.close();
  }
  const second = finishMediaBackup(dataDir, path);
  return { path, integrity: integrityOf(path), media: { files: first.linked + second.added, missing: second.missing } };
}

/**
 * Puts `from` in place of `file`. Refuses (DatabaseInUse) while another connection has `file` open: leaving
 * WAL mode needs the database to itself, so SQLite answers BUSY when the server or a worker runs.
 */
export function restoreSqlite(file: string, from: string): { integrity: string } {
  if (!existsSync(from)) throw new Error(`No backup at ${from}`);
  if (existsSync(file)) assertUnused(file);
  // Check the copy before it replaces anything: a damaged backup leaves the current database as it was.
  const staging = join(dirname(file), `.${basename(file)}.restoring`);
  removeWithCompanions(staging);
  copyFileSync(from, staging);
  const before = integrityOf(staging);
  if (before !== 'ok') {
    removeWithCompanions(staging);
    throw new Error(`The backup ${from} is damaged (integrity_check: ${before}); nothing was restored.`);
  }
  removeCompanions(staging);
  removeCompanions(file);
  renameSync(staging, file);
  return { integrity: integrityOf(file) };
}

function assertUnused(file: string): void {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 0');
    // Also folds a crashed server's WAL into the old file (harmless: it is about to be replaced).
    db.pragma('journal_mode = DELETE');
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
      throw new DatabaseInUse(`${file} is in use (the server or a worker has it open); stop every Backtalk process first.`);
    }
    // A damaged current database cannot tell us whether it is open; it is what a restore is for.
  } finally {
    db.close();
  }
}

function removeCompanions(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

function removeWithCompanions(file: string): void {
  rmSync(file, { force: true });
  removeCompanions(file);
}
