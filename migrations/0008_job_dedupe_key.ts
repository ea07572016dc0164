// Jobs get a lasting key naming what they are about ("post:12"), so "is a scan of post 12 queued or
// running?" is an indexed equality, not a LIKE over JSON text (issue 12 point 3). dedupe_key cannot serve:
// it is released when a job starts (so a change made during a run can queue the next run) and a post's first
// publish scan has none on purpose. Existing scan jobs are backfilled from their payload.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('jobs').addColumn('subject_key', 'varchar(255)').execute();
  await db.schema.createIndex('jobs_type_subject').on('jobs').columns(['type', 'subject_key', 'status']).execute();
  const scans: { id: number; payload: string }[] = await db.selectFrom('jobs').select(['id', 'payload']).where('type', '=', 'linkbacks.scan').execute();
  for (const job of scans) {
    const postId = scanPostId(job.payload);
    if (postId !== null) await db.updateTable('jobs').set({ subject_key: `post:${postId}` }).where('id', '=', job.id).execute();
  }
}

function scanPostId(payload: string): number | null {
  try {
    const id = Number((JSON.parse(payload) as { postId?: unknown }).postId);
    return Number.isSafeInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
