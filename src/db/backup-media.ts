// The media folder in a SQLite backup (issue 14 point 4): data/uploads/ goes beside the database copy as
// `<backup>.uploads/`, and comes back with it on restore. Order, and why: every file is hard-linked into the
// backup (a copy where links cannot go) BEFORE the database snapshot, then the files that appeared meanwhile
// are added after it. Stored files never change once in place (storage writes a new file and renames it over
// the key), and a file is unlinked only after its rows are gone (media/service.ts deleteMedia), so a file the
// snapshot refers to was either linked in the first pass or is still there for the second. The only miss is a
// file uploaded and deleted again during the backup's own seconds; every path the snapshot names is checked
// at the end, and a miss is reported, never hidden.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import SQLite from 'better-sqlite3';

/** `<backup>.db` → `<backup>.uploads`. */
export const uploadsBeside = (backupFile: string) => backupFile.replace(/\.db$/, '') + '.uploads';

/** Every stored file under `root`, as relative paths (temporary `.part` files of writes in progress left out). */
function filesUnder(root: string, dir = root): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(root, full));
    else if (entry.isFile() && !entry.name.endsWith('.part')) out.push(relative(root, full));
  }
  return out;
}

/** Links (or copies, across file systems) each file not yet in `to`; answers how many it added. */
export function mirrorFiles(from: string, to: string): number {
  let added = 0;
  for (const rel of filesUnder(from)) {
    const target = join(to, rel);
    if (existsSync(target)) continue;
    mkdirSync(dirname(target), { recursive: true });
    try {
      linkSync(join(from, rel), target);
    } catch (err) {
      const code = (err as { code?: string }).code;
      if (code === 'ENOENT') continue; // deleted since the listing: its rows went first, the snapshot decides
      if (code !== 'EXDEV' && code !== 'EPERM' && code !== 'EEXIST') throw err;
      if (code !== 'EEXIST') copyFileSync(join(from, rel), target);
    }
    added++;
  }
  return added;
}

/** The stored paths the database names that are not in `uploads` (local storage only; chunked rows travel in the database). */
export function missingFiles(databaseFile: string, uploads: string): string[] {
  const db = new SQLite(databaseFile, { readonly: true, fileMustExist: true });
  try {
    const hasTable = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'media_files'").get();
    if (!hasTable) return [];
    const inChunks = db.prepare('select 1 from media_chunks where path = ? limit 1');
    const paths = (db.prepare('select path from media_files').all() as Array<{ path: string }>).map((r) => r.path);
    return paths.filter((p) => !existsSync(join(uploads, p)) && !inChunks.get(p));
  } finally {
    db.close();
  }
}

/** The first pass, before the snapshot. */
export function startMediaBackup(dataDir: string, backupFile: string): { uploads: string; linked: number } {
  const uploads = uploadsBeside(backupFile);
  mkdirSync(uploads, { recursive: true });
  return { uploads, linked: mirrorFiles(join(dataDir, 'uploads'), uploads) };
}

/** The second pass, after the snapshot, and the check of every file it names. */
export function finishMediaBackup(dataDir: string, backupFile: string): { added: number; missing: string[] } {
  const uploads = uploadsBeside(backupFile);
  const added = mirrorFiles(join(dataDir, 'uploads'), uploads);
  return { added, missing: missingFiles(backupFile, uploads) };
}

/**
 * Puts `<backup>.uploads/` in place of data/uploads/ (the old folder is kept as uploads.before-restore-<time>
 * until the restore has finished, then removed). Answers null when the backup has no media folder (one made
 * before media were backed up): data/uploads/ is then left as it is.
 */
export function restoreMedia(dataDir: string, backupFile: string, now: Date): { files: number } | null {
  const from = uploadsBeside(backupFile);
  if (!existsSync(from) || !statSync(from).isDirectory()) return null;
  const live = join(dataDir, 'uploads');
  const staging = join(dataDir, '.uploads.restoring');
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  const files = mirrorFiles(from, staging);
  const old = join(dataDir, `.uploads.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`);
  if (existsSync(live)) renameSync(live, old);
  renameSync(staging, live);
  rmSync(old, { recursive: true, force: true });
  return { files };
}
