// Imports started from the admin (issue 17): the uploaded files wait in DATA_DIR/tmp/import-<run>/, a run row
// and its job are written together, and the job imports, writing its progress to the row (the page polls it)
// and its report when done. The files are removed at the end, whatever happened.
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../context.js';
import { enqueue } from '../jobs/queue.js';
import { selectStorage } from '../media/select-storage.js';
import { findUserById } from '../users/repository.js';
import { importWxr } from './importer.js';
import { emptyReport, type ImportReport } from './report.js';
import { findRun, insertRun, updateRun, type RunRow } from './repository.js';
import { unzipUploads, ZipRefused } from './unzip-uploads.js';

export const IMPORT_JOB = 'import.run';
/** The largest uploads zip unpacked (the export itself is streamed and has its own cap at the route). */
export const MAX_UNZIPPED_BYTES = 8 * 1024 * 1_048_576;

export const runDir = (ctx: AppContext, token: string) => join(ctx.config.dataDir, 'tmp', `import-${token}`);

/**
 * The job may run again after a crash (its lease expires): the import is idempotent, so a second attempt picks
 * up where the first stopped, from the files still on disk. An attempt that ends, well or not, removes them.
 */
export async function startRun(ctx: AppContext, run: { userId: number; dir: string; fileName: string; hasZip: boolean }): Promise<RunRow> {
  const now = ctx.clock.now().toISOString();
  const row = await ctx.transaction(async (trx) => {
    const inserted = await insertRun(trx, { userId: run.userId, filePath: join(run.dir, 'export.xml'), uploadsPath: run.hasZip ? join(run.dir, 'uploads.zip') : null, fileName: run.fileName, now });
    await enqueue(trx, ctx.clock, { type: IMPORT_JOB, payload: { runId: inserted.id }, dedupeKey: `import:${inserted.id}`, subjectKey: `import:${inserted.id}`, maxAttempts: 3 });
    return inserted;
  });
  ctx.wakeWorker();
  return row;
}

export async function runImport(ctx: AppContext, runId: number): Promise<void> {
  const run = await findRun(ctx.db, runId);
  if (!run || run.state === 'done' || run.state === 'failed') return;
  const at = () => ctx.clock.now().toISOString();
  const dir = run.file_path.replace(/\/export\.xml$/, '');
  let report: ImportReport = emptyReport(run.file_name);
  let lastPhase = '';
  try {
    const actor = await findUserById(ctx.db, run.user_id);
    if (!actor) throw new Error('the administrator who started it no longer exists');
    await updateRun(ctx.db, runId, { state: 'running', phase: 'Starting' }, at());
    let uploadsDir: string | null = null;
    if (run.uploads_path) {
      await updateRun(ctx.db, runId, { phase: 'Unpacking the uploads zip' }, at());
      uploadsDir = join(dir, 'uploads');
      await mkdir(uploadsDir, { recursive: true });
      await unzipUploads(run.uploads_path, uploadsDir, MAX_UNZIPPED_BYTES);
    }
    report = await importWxr(ctx, selectStorage(ctx), {
      open: () => createReadStream(run.file_path),
      fileName: run.file_name,
      uploadsDir,
      actor,
      onProgress: (p) => {
        // One write per 20 items (and each new phase) is plenty for a bar polled every second.
        if (p.phase === lastPhase && p.done % 20 !== 0 && p.done !== p.total) return;
        lastPhase = p.phase;
        return updateRun(ctx.db, runId, { phase: p.phase, done: p.done, total: p.total }, at());
      },
    });
  } catch (error) {
    report.error = error instanceof ZipRefused ? `${error.message} Nothing was imported.` : `The import stopped: ${(error as Error).message}`;
    ctx.log.error({ err: (error as Error).message, runId }, 'import: run failed');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  await updateRun(ctx.db, runId, { state: report.ok ? 'done' : 'failed', phase: report.ok ? 'Done' : 'Failed', report: JSON.stringify(report) }, at());
}

export function registerImportJobs(ctx: AppContext): void {
  ctx.handlers.set(IMPORT_JOB, async (payload: { runId: number }) => runImport(ctx, payload.runId));
}

export async function makeRunDir(ctx: AppContext, token: string): Promise<string> {
  const dir = runDir(ctx, token);
  await mkdir(dir, { recursive: true });
  return dir;
}
