// Imports started from the admin (issue 17): the uploaded files wait in DATA_DIR/tmp/import-<run>/ while the
// administrator maps the file's authors (state "mapping"), then the run and its job are queued together, and
// the job imports, writing its progress to the row (the page polls it)
// and its report when done. The files are removed at the end, whatever happened.
import { createReadStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppContext } from '../context.js';
import { enqueue } from '../jobs/queue.js';
import { selectStorage } from '../media/select-storage.js';
import { findUserById } from '../users/repository.js';
import { registerFetchJobs } from './fetch-attachments.js';
import { importWxr } from './importer.js';
import { emptyReport, type ImportReport } from './report.js';
import type { AuthorChoice } from './import-authors-terms.js';
import type { AuthorSummary } from './authors-pass.js';
import { findRun, insertRun, moveRun, updateRun, type RunRow } from './repository.js';
import { unzipUploads, ZipRefused } from './unzip-uploads.js';

export const IMPORT_JOB = 'import.run';
/** The largest uploads zip unpacked (the export itself is streamed and has its own cap at the route). */
export const MAX_UNZIPPED_BYTES = 8 * 1024 * 1_048_576;

export const runDir = (ctx: AppContext, token: string) => join(ctx.config.dataDir, 'tmp', `import-${token}`);

/** What the administrator chose for a run (import_runs.options): kept from the upload to the start. */
export interface RunOptions {
  fetchAttachments: boolean;
  /** The file's authors as the upload's quick pass read them, for the mapping page. */
  authors: AuthorSummary[];
  /** Login → a user id or "new", once "Start import" was pressed. */
  choices?: Record<string, AuthorChoice>;
}

export function runOptions(run: Pick<RunRow, 'options'>): RunOptions {
  const parsed = run.options ? (JSON.parse(run.options) as Partial<RunOptions>) : {};
  return { fetchAttachments: parsed.fetchAttachments === true, authors: parsed.authors ?? [], choices: parsed.choices };
}

/** An uploaded export waiting for its authors to be mapped ("mapping"); nothing is queued yet. */
export async function createRun(ctx: AppContext, run: { userId: number; dir: string; fileName: string; hasZip: boolean; options: RunOptions }): Promise<RunRow> {
  const now = ctx.clock.now().toISOString();
  return insertRun(ctx.db, { userId: run.userId, filePath: join(run.dir, 'export.xml'), uploadsPath: run.hasZip ? join(run.dir, 'uploads.zip') : null, fileName: run.fileName, now, state: 'mapping', options: JSON.stringify(run.options) });
}

/**
 * "Start import": the run leaves "mapping" with the choices, and its job is queued in the same transaction
 * (a second press finds it no longer mapping and queues nothing). The job may run again after a crash (its
 * lease expires): the import is idempotent, so a second attempt picks up where the first stopped, from the
 * files still on disk. An attempt that ends, well or not, removes them.
 */
export async function startRun(ctx: AppContext, run: RunRow, choices: Record<string, AuthorChoice>): Promise<boolean> {
  const options = { ...runOptions(run), choices };
  const started = await ctx.transaction(async (trx) => {
    if (!(await moveRun(trx, run.id, 'mapping', { state: 'queued', options: JSON.stringify(options) }, ctx.clock.now().toISOString()))) return false;
    await enqueue(trx, ctx.clock, { type: IMPORT_JOB, payload: { runId: run.id }, dedupeKey: `import:${run.id}`, subjectKey: `import:${run.id}`, maxAttempts: 3 });
    return true;
  });
  if (started) ctx.wakeWorker();
  return started;
}

export async function runImport(ctx: AppContext, runId: number): Promise<void> {
  const run = await findRun(ctx.db, runId);
  if (!run || run.state === 'done' || run.state === 'failed' || run.state === 'mapping') return;
  const options = runOptions(run);
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
      fetchAttachments: options.fetchAttachments,
      runId,
      authorChoices: new Map(Object.entries(options.choices ?? {})),
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
  registerFetchJobs(ctx);
}

export async function makeRunDir(ctx: AppContext, token: string): Promise<string> {
  const dir = runDir(ctx, token);
  await mkdir(dir, { recursive: true });
  return dir;
}
