// Wire compatibility with an independent client: Python's standard xmlrpc.client publishes, edits, reads
// back and deletes a post and moderates a comment against the app listening on loopback.
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findComment } from '../../src/comments/repository.js';
import { findPostById } from '../../src/posts/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { addComment, publishedPost } from '../support/comment-factory.js';

const run = promisify(execFile);
const script = new URL('../../fixtures/xmlrpc/python-client.py', import.meta.url);

describe('an independent XML-RPC client (Python xmlrpc.client)', () => {
  let t: TestApp;
  let endpoint: string;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    endpoint = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/xmlrpc.php`;
  });
  afterAll(() => t.close());

  it('publishes, edits, reads back, deletes and moderates through the wire format', async () => {
    const admin = await createUser(t.ctx, 'admin');
    const post = await publishedPost(t.ctx, admin, 'Discussed');
    const comment = await addComment(t.ctx, post, { status: 'pending', content: 'Held for review' });

    const { stdout } = await run('python3', ['-c', await readFile(script, 'utf8'), endpoint, admin.username, admin.password, String(comment.id)], { timeout: 20_000 });
    const seen = JSON.parse(stdout);

    expect(seen.methods).toContain('metaWeblog.newPost');
    expect(seen.blogs).toEqual([{ isAdmin: true, url: 'http://blog.test/', blogid: '1', blogName: 'Backtalk', xmlrpc: 'http://blog.test/xmlrpc.php' }]);
    expect(seen.post_id).toMatch(/^\d+$/);
    expect(seen.edited).toBe(true);
    expect(seen.post).toMatchObject({
      postid: seen.post_id, title: 'From Python, edited', description: '<p>Hello & welcome</p>', wp_slug: 'from-python', post_status: 'publish',
      dateCreated: '2025-03-04T05:06:07', mt_allow_comments: 1, mt_allow_pings: 0, mt_tb_ping_urls: ['http://tb.example/1'],
      link: 'http://blog.test/2025/03/04/from-python/', permaLink: 'http://blog.test/2025/03/04/from-python/',
    });
    expect(seen.recent).toContain(seen.post_id);
    expect(seen.deleted).toBe(true);
    expect(seen.after_delete).toBe('trash');
    expect((await findPostById(t.ctx.db, Number(seen.post_id)))?.status).toBe('trash');

    expect(seen.held).toEqual([String(comment.id)]);
    expect(seen.approved).toBe(true);
    expect(seen.comment).toMatchObject({ comment_id: String(comment.id), status: 'approve', content: 'Held for review', type: 'comment', post_title: 'Discussed' });
    expect(seen.count).toEqual({ approved: 1, awaiting_moderation: 0, spam: 0, total_comments: 1 });
    expect(seen.comment_deleted).toBe(true);
    expect((await findComment(t.ctx.db, comment.id))?.status).toBe('trash');

    expect(seen.bad_password).toEqual([403, 'Incorrect username or password.']);
    expect(seen.unknown_method[0]).toBe(-32601);
    expect(seen.multicall[0]).toBe(-32601);
  });
});
