// The posts service is the one door for the browser editor, XML-RPC and the scheduler: these tests pin
// its rules (validation, sanitising per role, slugs, scheduling, and jobs written with the change).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost, publishIfDue, restorePost, trashPost, updatePost, PUBLISH_DUE_JOB } from '../../src/posts/service.js';
import { SCAN_JOB } from '../../src/jobs/job-types.js';
import { findPostByOldSlug } from '../../src/posts/repository.js';
import type { PostInput } from '../../src/posts/validation.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';

const base = (over: Partial<PostInput> = {}): PostInput => ({ title: 'Hello world', content: '<p>Hi <a href="https://peer.example/">there</a></p>', status: 'published', ...over });

describe('posts service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const jobs = (type: string) => t.ctx.db.selectFrom('jobs').selectAll().where('type', '=', type).execute();

  it('publishes, and writes the outbound scan job with the post', async () => {
    const admin = await createUser(t.ctx, 'admin');
    const before = (await jobs(SCAN_JOB)).length;
    const r = await createPost(t.ctx, admin, base({ title: 'Scan me' }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.post.status).toBe('published');
    expect(r.post.published_at).toBe(t.clock.now().toISOString());
    const scans = await jobs(SCAN_JOB);
    expect(scans.length).toBe(before + 1);
    expect(JSON.parse(scans.at(-1)!.payload)).toEqual({ postId: r.post.id, firstPublish: true });
  });

  it('writes no job for a draft, and refuses an empty published post with field errors', async () => {
    const author = await createUser(t.ctx, 'author');
    const before = (await jobs(SCAN_JOB)).length;
    const draft = await createPost(t.ctx, author, base({ status: 'draft', title: '' }));
    expect(draft.ok).toBe(true);
    expect((await jobs(SCAN_JOB)).length).toBe(before);
    const bad = await createPost(t.ctx, author, base({ title: '', content: ' ' }));
    expect(bad).toMatchObject({ ok: false, status: 400, errors: { title: expect.any(String), content: expect.any(String) } });
  });

  it("sanitises an author's HTML but keeps an admin's as typed", async () => {
    const author = await createUser(t.ctx, 'author');
    const admin = await createUser(t.ctx, 'admin');
    const html = '<p>x</p><script>alert(1)</script><iframe src="https://v.example/"></iframe>';
    const a = await createPost(t.ctx, author, base({ title: 'Author HTML', content: html }));
    const b = await createPost(t.ctx, admin, base({ title: 'Admin HTML', content: html }));
    expect(a.ok && a.post.content).toBe('<p>x</p>');
    expect(b.ok && b.post.content).toBe(html);
  });

  it('makes slugs unique and remembers the old slug of a renamed published post', async () => {
    const admin = await createUser(t.ctx, 'admin');
    const one = await createPost(t.ctx, admin, base({ title: 'Same Title' }));
    const two = await createPost(t.ctx, admin, base({ title: 'Same Title' }));
    expect(one.ok && one.post.slug).toBe('same-title');
    expect(two.ok && two.post.slug).toBe('same-title-2');
    if (!one.ok) return;
    const renamed = await updatePost(t.ctx, admin, one.post.id, base({ title: 'Same Title', slug: 'new-name' }));
    expect(renamed.ok && renamed.post.slug).toBe('new-name');
    expect((await findPostByOldSlug(t.ctx.db, 'same-title'))?.id).toBe(one.post.id);
  });

  it('schedules a future post and publishes it when the job comes due', async () => {
    const admin = await createUser(t.ctx, 'admin');
    const at = new Date(t.clock.now().getTime() + 3_600_000).toISOString();
    const r = await createPost(t.ctx, admin, base({ title: 'Later', date: at }));
    expect(r.ok && r.post.status).toBe('scheduled');
    if (!r.ok) return;
    expect(await publishIfDue(t.ctx, r.post.id)).toBeNull();
    await t.app.worker.runUntilIdle();
    expect((await t.ctx.db.selectFrom('posts').select('status').where('id', '=', r.post.id).executeTakeFirstOrThrow()).status).toBe('scheduled');
    t.clock.advance(3_600_000);
    const scansBefore = (await jobs(SCAN_JOB)).filter((j) => JSON.parse(j.payload).postId === r.post.id).length;
    await t.app.worker.runUntilIdle();
    expect((await t.ctx.db.selectFrom('posts').select('status').where('id', '=', r.post.id).executeTakeFirstOrThrow()).status).toBe('published');
    expect((await jobs(PUBLISH_DUE_JOB)).some((j) => JSON.parse(j.payload).postId === r.post.id && j.status === 'done')).toBe(true);
    expect((await jobs(SCAN_JOB)).filter((j) => JSON.parse(j.payload).postId === r.post.id).length).toBe(scansBefore + 1);
  });

  it("keeps authors to their own posts, and trash/restore brings a post back as a draft", async () => {
    const owner = await createUser(t.ctx, 'author');
    const other = await createUser(t.ctx, 'author');
    const r = await createPost(t.ctx, owner, base({ title: 'Mine' }));
    if (!r.ok) throw new Error('setup');
    expect(await updatePost(t.ctx, other, r.post.id, base({ title: 'Stolen' }))).toMatchObject({ ok: false, status: 403 });
    expect(await trashPost(t.ctx, other, r.post.id)).toMatchObject({ ok: false, status: 403 });
    expect(await trashPost(t.ctx, owner, r.post.id)).toMatchObject({ ok: true, post: { status: 'trash', status_before_trash: 'published' } });
    expect(await restorePost(t.ctx, owner, r.post.id)).toMatchObject({ ok: true, post: { status: 'draft' } });
  });

  it('refuses trackback URLs that are not absolute http(s)', async () => {
    const admin = await createUser(t.ctx, 'admin');
    expect(await createPost(t.ctx, admin, base({ toPing: 'https://ok.example/tb ftp://nope' }))).toMatchObject({ ok: false, errors: { toPing: expect.any(String) } });
    const ok = await createPost(t.ctx, admin, base({ title: 'TB', toPing: 'https://a.example/tb\nhttps://b.example/tb' }));
    expect(ok.ok && ok.post.to_ping).toBe('https://a.example/tb\nhttps://b.example/tb');
  });

  it('drops control characters such as NUL, which PostgreSQL text refuses', async () => {
    const admin = await createUser(t.ctx, 'admin');
    const r = await createPost(t.ctx, admin, base({ title: 'Nul\u0000 title', content: '<p>a\u0000b\u0007c</p>\n' }));
    expect(r.ok && r.post.title).toBe('Nul title');
    expect(r.ok && r.post.content).toBe('<p>abc</p>\n');
  });
});
