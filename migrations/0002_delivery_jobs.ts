// Outbound delivery log, second step: each delivery remembers the job that sends it (so "retry now" and
// "skip" act on the right job) and why it was skipped (policy skips are re-checked on the next scan; an
// author's own "skip" is kept).
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('job_id', 'integer').execute();
  await db.schema.alterTable('deliveries').addColumn('skip_reason', 'varchar(20)').execute();
  await db.schema.createIndex('deliveries_state').on('deliveries').columns(['state', 'updated_at']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
