// Media changes reach the public site too (issue 11 point 3 with issue 14): a post page and the feeds show a
// post's featured image (its sizes, alt text and caption), so an edit of a media item, its sizes becoming
// ready, or its deletion must bump the site generation (migration 0006) like any other public change, or a
// cached page would keep the old image. Inserts change nothing a reader sees until a post uses the item,
// and that post's write bumps the generation already.
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './helpers.js';

const EVENTS = ['UPDATE', 'DELETE'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const event of EVENTS) {
    const name = `media_site_generation_${event.toLowerCase()}`;
    if (isPostgres(db)) {
      // bump_site_generation() is migration 0006's.
      await sql.raw(`CREATE TRIGGER ${name} AFTER ${event} ON media FOR EACH ROW EXECUTE FUNCTION bump_site_generation()`).execute(db);
    } else {
      await sql
        .raw(
          `CREATE TRIGGER ${name} AFTER ${event} ON media FOR EACH ROW
BEGIN UPDATE site_generation SET generation = generation + 1, changed_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = 1; END`,
        )
        .execute(db);
    }
  }
}

export async function down(): Promise<void> {
  throw new Error('Migrations are forward-only; restore a backup to go back.');
}
