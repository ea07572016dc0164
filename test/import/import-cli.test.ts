// `npm run import` (issue 17) as a real process on a database shared with the test: --map-author names must
// exist on both sides (exit 2, nothing written), a valid one gives the author's items to that user, and
// --fetch-attachments leaves the attachments to jobs for the blog's worker, carrying the old site's host.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharedDatabase, type SharedDatabase } from '../support/process-database.js';
import { spawnEntry } from '../support/spawned.js';
import { FIXTURE_FILE } from './helpers.js';

describe('npm run import', () => {
  let shared: SharedDatabase;
  beforeAll(async () => {
    shared = await createSharedDatabase();
  });
  afterAll(async () => shared.close());

  const run = async (args: string[]) => {
    const p = spawnEntry('src/import/import-cli.ts', { DATABASE_URL: shared.url, DATA_DIR: shared.dir, ADMIN_USER: 'owner', ADMIN_PASSWORD: 'a long passphrase' }, [FIXTURE_FILE, ...args]);
    const { code } = await p.exited;
    return { code, out: p.lines.join('\n'), err: p.stderr() };
  };
  const db = () => shared.handle.db;

  it('refuses a --map-author whose author is not in the file or whose user does not exist, writing nothing', async () => {
    const ghost = await run(['--map-author', 'ghost=owner']);
    expect(ghost.code).toBe(2);
    expect(ghost.err).toContain('"ghost" is not an author in');
    expect(ghost.err).toContain('its authors: admin, mara');
    const nobody = await run(['--map-author', 'mara=nobody', '--map-author', 'nonsense']);
    expect(nobody.code).toBe(2);
    expect(nobody.err).toContain('this blog has no user named "nobody"');
    expect(nobody.err).toContain('--map-author nonsense: write it as old_login=existing_login');
    expect(await db().selectFrom('posts').select('id').execute()).toEqual([]);
  }, 60_000);

  it('maps the author and queues the attachments to fetch', async () => {
    const ok = await run(['--map-author', 'mara=owner', '--fetch-attachments']);
    expect(ok.err).not.toMatch(/error/i);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('attachments to fetch from the old site: 4');
    const owner = await db().selectFrom('users').select('id').where('username', '=', 'owner').executeTakeFirstOrThrow();
    expect(await db().selectFrom('posts').select('id').where('author_id', '=', owner.id).execute()).toHaveLength(8);
    expect(await db().selectFrom('users').select('id').where('username', '=', 'mara').executeTakeFirst()).toBeUndefined();
    const jobs = await db().selectFrom('jobs').select(['host', 'status']).where('type', '=', 'import.fetch-attachment').execute();
    expect(jobs).toEqual(Array.from({ length: 4 }, () => ({ host: '127.0.0.1:8081', status: 'queued' })));
  }, 60_000);
});
