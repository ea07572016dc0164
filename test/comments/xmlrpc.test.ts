// wp.* comment moderation as the WordPress apps use it: listing with WordPress's statuses, editing, status
// changes through the moderation actions, trash-then-delete, counts, and authors kept out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findComment } from '../../src/comments/repository.js';
import type { Post, User } from '../../src/db/schema.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { addComment, publishedPost } from '../support/comment-factory.js';
import { rpcFault, rpcOk } from '../xmlrpc/client.js';

describe('comment moderation over XML-RPC', () => {
  let t: TestApp;
  let admin: User & { password: string };
  let author: User & { password: string };
  let post: Post;
  let second: Post;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
    author = await createUser(t.ctx, 'author');
    post = await publishedPost(t.ctx, admin, 'Commented');
    second = await publishedPost(t.ctx, author, 'Other');
  });
  afterAll(() => t.close());

  const as = (u: { username: string; password: string }) => ['1', u.username, u.password];

  it('lists comments with WordPress\'s fields, newest first, filtered by status, post, number and offset', async () => {
    const fresh = await createTestApp();
    try {
      const a = await createUser(fresh.ctx, 'admin');
      const p = await publishedPost(fresh.ctx, a, 'Listed');
      const q = await publishedPost(fresh.ctx, a, 'Elsewhere');
      const held = await addComment(fresh.ctx, p, { status: 'pending', author: 'Ann', content: 'first' });
      fresh.clock.advance(1000);
      const ping = await addComment(fresh.ctx, p, { kind: 'pingback', status: 'approved', author: 'Their post', sourceUrl: 'http://them.test/post' });
      fresh.clock.advance(1000);
      await addComment(fresh.ctx, p, { status: 'spam', content: 'buy' });
      fresh.clock.advance(1000);
      const onQ = await addComment(fresh.ctx, q, { kind: 'webmention', status: 'approved' });

      const all = await rpcOk<Array<Record<string, unknown>>>(fresh, 'wp.getComments', [...as(a), {}]);
      expect(all.map((c) => c.comment_id)).toEqual([onQ.id, ping.id, held.id].map(String));
      expect(all[2]).toEqual({
        comment_id: String(held.id), parent: '0', user_id: '0', post_id: String(p.id), post_title: 'Listed', status: 'hold', type: 'comment',
        author: 'Ann', author_url: '', author_email: 'reader@example.test', author_ip: '192.0.2.1', content: 'first',
        date_created_gmt: new Date(held.created_at), link: `http://blog.test/2026/01/15/listed/#comment-${held.id}`,
      });
      expect(all[1]).toMatchObject({ type: 'pingback', status: 'approve', author_url: 'http://them.test/post' });
      expect(all[0]).toMatchObject({ type: 'webmention' });

      const spam = await rpcOk<Array<Record<string, unknown>>>(fresh, 'wp.getComments', [...as(a), { status: 'spam' }]);
      expect(spam.map((c) => c.content)).toEqual(['buy']);
      const onP = await rpcOk<Array<Record<string, unknown>>>(fresh, 'wp.getComments', [...as(a), { post_id: String(p.id), number: 1, offset: 1 }]);
      expect(onP.map((c) => c.comment_id)).toEqual([String(held.id)]);
      expect(await rpcOk(fresh, 'wp.getComments', [...as(a)])).toHaveLength(3);
      expect(await rpcOk(fresh, 'wp.getComments', [...as(a), { status: 'all' }])).toHaveLength(3);
      expect((await rpcFault(fresh, 'wp.getComments', [...as(a), { status: 'pending' }])).code).toBe(-32602);
    } finally {
      await fresh.close();
    }
  });

  it('reads one comment, and answers 404 for an unknown one', async () => {
    const c = await addComment(t.ctx, post, { kind: 'trackback', status: 'approved', author: 'TB blog' });
    expect(await rpcOk(t, 'wp.getComment', [...as(admin), c.id])).toMatchObject({ comment_id: String(c.id), type: 'trackback', status: 'approve', post_title: 'Commented' });
    expect(await rpcFault(t, 'wp.getComment', [...as(admin), 999999])).toEqual({ code: 404, message: 'Invalid comment ID.' });
  });

  it('changes status with approve / hold / spam / trash through the moderation actions, and edits fields', async () => {
    const c = await addComment(t.ctx, post, { status: 'pending' });
    expect(await rpcOk(t, 'wp.editComment', [...as(admin), String(c.id), { status: 'approve' }])).toBe(true);
    expect((await findComment(t.ctx.db, c.id))?.status).toBe('approved');
    await rpcOk(t, 'wp.editComment', [...as(admin), c.id, { status: 'spam' }]);
    expect(await findComment(t.ctx.db, c.id)).toMatchObject({ status: 'spam', status_before_trash: 'approved' });
    await rpcOk(t, 'wp.editComment', [...as(admin), c.id, { status: 'hold' }]);
    expect((await findComment(t.ctx.db, c.id))?.status).toBe('pending');
    await rpcOk(t, 'wp.editComment', [...as(admin), c.id, { status: 'trash', content: 'Edited <script>x</script><b>bold</b>', author: 'New name', author_url: 'https://reader.test/', author_email: 'new@example.test' }]);
    expect(await findComment(t.ctx.db, c.id)).toMatchObject({ status: 'trash', content: 'Edited <b>bold</b>', author_name: 'New name', author_url: 'https://reader.test/', author_email: 'new@example.test' });
    const events = await t.ctx.db.selectFrom('comment_events').select('event').where('comment_id', '=', c.id).orderBy('id').execute();
    expect(events.map((e) => e.event)).toEqual(['moderation:approve', 'moderation:spam', 'moderation:unapprove', 'edit', 'moderation:trash']);

    expect((await rpcFault(t, 'wp.editComment', [...as(admin), c.id, { status: 'approved' }])).code).toBe(-32602);
    expect((await rpcFault(t, 'wp.editComment', [...as(admin), c.id, { author_url: 'javascript:alert(1)' }])).code).toBe(-32602);
    expect((await rpcFault(t, 'wp.editComment', [...as(admin), 999999, { status: 'approve' }])).code).toBe(404);
    expect((await rpcFault(t, 'wp.editComment', [...as(admin), c.id])).code).toBe(-32602);
  });

  it('trashes on the first delete and deletes for good on the second, as WordPress does', async () => {
    const c = await addComment(t.ctx, post, { status: 'approved' });
    expect(await rpcOk(t, 'wp.deleteComment', [...as(admin), c.id])).toBe(true);
    expect((await findComment(t.ctx.db, c.id))?.status).toBe('trash');
    expect(await rpcOk(t, 'wp.deleteComment', [...as(admin), c.id])).toBe(true);
    expect(await findComment(t.ctx.db, c.id)).toBeUndefined();
    expect((await rpcFault(t, 'wp.deleteComment', [...as(admin), c.id])).code).toBe(404);
  });

  it('counts comments for the site or one post, spam in the total and trash not', async () => {
    const p = await publishedPost(t.ctx, admin, 'Counted');
    for (const status of ['approved', 'approved', 'pending', 'spam', 'trash'] as const) await addComment(t.ctx, p, { status });
    expect(await rpcOk(t, 'wp.getCommentCount', [...as(admin), p.id])).toEqual({ approved: 2, awaiting_moderation: 1, spam: 1, total_comments: 4 });
    const site = await rpcOk<Record<string, number>>(t, 'wp.getCommentCount', [...as(admin)]);
    expect(site.total_comments).toBeGreaterThanOrEqual(4);
    expect(site.total_comments).toBe(site.approved + site.awaiting_moderation + site.spam);
  });

  it('keeps authors out of moderation with fault 401, even on their own posts', async () => {
    const c = await addComment(t.ctx, second, { status: 'pending' });
    const calls: Array<[string, unknown[]]> = [
      ['wp.getComments', [...as(author), {}]],
      ['wp.getComment', [...as(author), c.id]],
      ['wp.editComment', [...as(author), c.id, { status: 'approve' }]],
      ['wp.deleteComment', [...as(author), c.id]],
      ['wp.getCommentCount', [...as(author)]],
    ];
    for (const [method, params] of calls) expect((await rpcFault(t, method, params)).code, method).toBe(401);
    expect((await findComment(t.ctx.db, c.id))?.status).toBe('pending');
    expect((await rpcFault(t, 'wp.getComments', ['1', admin.username, 'wrong', {}])).code).toBe(403);
  });

  it('posts a reply as the signed-in user through the moderation rules, and refuses closed or unknown posts', async () => {
    const id = await rpcOk<number>(t, 'wp.newComment', [...as(admin), post.id, { comment_parent: 0, content: 'Thanks! <script>x</script>' }]);
    expect(typeof id).toBe('number');
    expect(await findComment(t.ctx.db, id)).toMatchObject({ post_id: post.id, kind: 'comment', status: 'approved', author_name: admin.display_name, content: 'Thanks! ', parent_id: null });
    // comment_parent threads the reply under an approved comment of the same post (issue 16), and only there.
    const reply = await rpcOk<number>(t, 'wp.newComment', [...as(admin), post.id, { comment_parent: id, content: 'And a follow-up.' }]);
    expect(await findComment(t.ctx.db, reply)).toMatchObject({ parent_id: id, thread_id: id });
    expect((await rpcFault(t, 'wp.newComment', [...as(admin), post.id, { comment_parent: 999999, content: 'Orphan' }])).code).toBe(403);
    expect((await rpcFault(t, 'wp.newComment', [...as(admin), post.id, { content: 'Thanks! <script>x</script>' }])).code).toBe(409);
    expect((await rpcFault(t, 'wp.newComment', [...as(admin), post.id, { content: '<script>only</script>' }])).code).toBe(-32602);
    expect((await rpcFault(t, 'wp.newComment', [...as(admin), 999999, { content: 'Hello' }])).code).toBe(404);
    await t.ctx.db.updateTable('posts').set({ comment_status: 'closed' }).where('id', '=', second.id).execute();
    expect((await rpcFault(t, 'wp.newComment', [...as(author), second.id, { content: 'Hello' }])).code).toBe(403);
  });

  it("refuses a protected post to whoever may not edit it, and a private one to whoever may not read it, as WordPress 6's wp_newComment", async () => {
    const other = await createUser(t.ctx, 'author');
    const locked = await publishedPost(t.ctx, author, 'Locked');
    await t.ctx.db.updateTable('posts').set({ password: 'pw' }).where('id', '=', locked.id).execute();
    const diary = await publishedPost(t.ctx, author, 'Diary');
    await t.ctx.db.updateTable('posts').set({ status: 'private' }).where('id', '=', diary.id).execute();
    const NOT_ALLOWED = 'Sorry, you are not allowed to comment on this post.';
    for (const id of [locked.id, diary.id]) {
      const fault = await rpcFault(t, 'wp.newComment', [...as(other), id, { content: 'Let me in' }]);
      expect([fault.code, fault.message], String(id)).toEqual([403, NOT_ALLOWED]);
    }
    // Whoever may edit it (its author, an admin) may comment on the protected post; its author and admins read the private one.
    for (const who of [author, admin]) {
      t.clock.advance(60_000);
      expect(typeof (await rpcOk<number>(t, 'wp.newComment', [...as(who), locked.id, { content: `Locked note by ${who.username}` }]))).toBe('number');
      t.clock.advance(60_000);
      expect(typeof (await rpcOk<number>(t, 'wp.newComment', [...as(who), diary.id, { content: `Diary note by ${who.username}` }]))).toBe('number');
    }
    // Closed comes first, in WordPress's words.
    await t.ctx.db.updateTable('posts').set({ comment_status: 'closed' }).where('id', '=', locked.id).execute();
    const closed = await rpcFault(t, 'wp.newComment', [...as(other), locked.id, { content: 'Closed?' }]);
    expect([closed.code, closed.message]).toEqual([403, 'Sorry, comments are closed for this item.']);
    // A draft is no post to comment on.
    await t.ctx.db.updateTable('posts').set({ status: 'draft' }).where('id', '=', diary.id).execute();
    expect((await rpcFault(t, 'wp.newComment', [...as(admin), diary.id, { content: 'Draft?' }])).code).toBe(404);
  });
});
