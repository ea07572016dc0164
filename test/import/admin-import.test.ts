// Tools → Import (issue 17): the export and a zip of wp-content/uploads uploaded as a plain form, the run
// followed through its JSON status as the job runs, and the report; refusals answer in the admin layout.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { signIn, type SignedIn } from '../support/session.js';
import { FIXTURE_DIR, FIXTURE_FILE } from './helpers.js';
import { unzipUploads, ZipRefused } from '../../src/import/unzip-uploads.js';

function multipartBody(files: { field: string; name: string; content: Buffer }[]) {
  const boundary = `----import${randomBytes(8).toString('hex')}`;
  const parts = files.map((f) => Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`), f.content, Buffer.from('\r\n')]));
  return { body: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('Tools → Import', () => {
  let t: TestApp;
  let dir: string;
  let admin: SignedIn;
  let author: SignedIn;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'backtalk-admin-import-'));
    t = await createTestApp({ dataDir: dir });
    admin = await signIn(t, await createUser(t.ctx, 'admin', 'boss'));
    author = await signIn(t, await createUser(t.ctx, 'author', 'writer1'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const post = (who: SignedIn, files: { field: string; name: string; content: Buffer }[], csrf = who.csrf) => {
    const { body, contentType } = multipartBody(files);
    return t.app.inject({ method: 'POST', url: `/admin/tools/import?_csrf=${encodeURIComponent(csrf)}`, headers: { ...who.headers, 'content-type': contentType }, payload: body });
  };

  it('shows the form to administrators only', async () => {
    const page = await t.app.inject({ url: '/admin/tools/import', headers: admin.headers });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('name="wxr"');
    expect((await t.app.inject({ url: '/admin/tools/import', headers: author.headers })).statusCode).toBe(403);
    expect((await post(author, [{ field: 'wxr', name: 'x.xml', content: Buffer.from('<rss/>') }])).statusCode).toBe(403);
  });

  it('answers 404 in the admin layout for a run that does not exist', async () => {
    for (const url of ['/admin/tools/import/999', '/admin/tools/import/abc', '/admin/tools/import/99999999999999']) {
      const res = await t.app.inject({ url, headers: admin.headers });
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('refuses a missing file and a bad CSRF token with a page in the admin layout', async () => {
    const none = await post(admin, []);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Choose the WordPress export file');
    expect(none.body).toContain('class="admin');
    const forged = await post(admin, [{ field: 'wxr', name: 'x.xml', content: Buffer.from('<rss/>') }], 'forged');
    expect(forged.statusCode).toBe(403);
  });

  it('imports the export and the uploads zip in a job, with progress and a report', async () => {
    const res = await post(admin, [
      { field: 'wxr', name: 'harbour.xml', content: readFileSync(FIXTURE_FILE) },
      { field: 'uploads', name: 'uploads.zip', content: readFileSync(`${FIXTURE_DIR}uploads.zip`) },
    ]);
    expect(res.statusCode).toBe(303);
    const url = res.headers.location as string;
    const queued = await t.app.inject({ url, headers: { ...admin.headers, accept: 'application/json' } });
    expect(queued.json()).toMatchObject({ state: 'queued', report: null });
    const waiting = await t.app.inject({ url, headers: admin.headers });
    expect(waiting.body).toContain('<progress');
    await t.app.worker.runUntilIdle();
    const done = (await t.app.inject({ url, headers: { ...admin.headers, accept: 'application/json' } })).json();
    expect(done.state).toBe('done');
    expect(done.done).toBe(done.total);
    expect(done.report.created).toMatchObject({ posts: 15, pages: 3, attachments: 4, comments: 19, pingbacks: 3, trackbacks: 2 });
    const page = await t.app.inject({ url, headers: admin.headers });
    expect(page.body).toContain('Everything in the file was read');
    const featured = await t.ctx.db.selectFrom('posts').select('featured_media_id').where('slug', '=', 'boats-coming-home-to-the-harbour').executeTakeFirstOrThrow();
    expect(featured.featured_media_id).not.toBeNull();
  });

  it('reports a bad file at the end of its run, with nothing imported', async () => {
    const res = await post(admin, [{ field: 'wxr', name: 'notes.xml', content: Buffer.from('<notes><note/></notes>') }]);
    await t.app.worker.runUntilIdle();
    const done = (await t.app.inject({ url: res.headers.location as string, headers: { ...admin.headers, accept: 'application/json' } })).json();
    expect(done.state).toBe('failed');
    expect(done.report.error).toMatch(/not a WordPress export/);
  });

  it('refuses a zip whose names leave its folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'backtalk-slip-'));
    const { execFileSync } = await import('node:child_process');
    const zip = join(out, 'slip.zip');
    execFileSync('python3', ['-c', `import zipfile\nwith zipfile.ZipFile(${JSON.stringify(zip)},'w') as z: z.writestr('a/../../evil.txt','x')`]);
    await expect(unzipUploads(zip, join(out, 'u'), 1_000_000)).rejects.toBeInstanceOf(ZipRefused);
    rmSync(out, { recursive: true, force: true });
  });
});
