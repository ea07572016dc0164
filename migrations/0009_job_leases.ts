// Issue 18 point 3: a delivery found still 'sending' when its job runs again was interrupted after the request
// may have reached the receiver. The count of such interrupted sends lets the sender try once more (receivers
// treat the same source and target as an update) and never a third time.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('deliveries').addColumn('interrupted_sends', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
