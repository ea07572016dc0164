// A desktop editor's long post is not refused for its size: calls that carry a post may be as large as the
// largest post the validator accepts, while every other call (pingbacks above all) stays capped at 64 KB.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeMethodResponse, encodeMethodCall } from '../../src/xmlrpc/codec.js';
import { MAX_BODY_BYTES, MAX_POST_CALL_BYTES } from '../../src/xmlrpc/body.js';
import { findPostById } from '../../src/posts/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';

describe('XML-RPC body limits by method', () => {
  let t: TestApp;
  let admin: { username: string; password: string };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin');
  });
  afterAll(() => t.close());

  const send = (xml: string) => t.app.inject({ method: 'POST', url: '/xmlrpc.php', headers: { 'content-type': 'text/xml' }, payload: xml });

  it('stores a 600,000-character post sent with metaWeblog.newPost and changes it with wp.editPost', async () => {
    const content = `<p>${'Long & "quoted" <text>. '.repeat(25_000)}</p>`;
    expect(Buffer.byteLength(encodeMethodCall('x', [content]))).toBeGreaterThan(MAX_BODY_BYTES * 8);
    const created = await send(encodeMethodCall('metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'Long', description: content }, true]));
    expect(created.statusCode).toBe(200);
    const decoded = await decodeMethodResponse(created.body);
    expect(decoded.fault).toBeNull();
    const id = decoded.fault === null ? decoded.value : null;
    expect((await findPostById(t.ctx.db, Number(id)))!.content.length).toBeGreaterThan(500_000);

    const edited = await send(encodeMethodCall('wp.editPost', ['1', admin.username, admin.password, Number(id), { post_content: content + '<p>More.</p>' }]));
    expect(edited.statusCode).toBe(200);
    expect((await decodeMethodResponse(edited.body)).fault).toBeNull();
    expect((await findPostById(t.ctx.db, Number(id)))!.content).toMatch(/More\.<\/p>$/);
  });

  it('keeps pingbacks and every other call at 64 KB, whatever Content-Length says', async () => {
    const ping = encodeMethodCall('pingback.ping', ['http://127.0.0.1/' + 'a'.repeat(70 * 1024), 'http://blog.test/']);
    expect((await send(ping)).statusCode).toBe(413);
    const read = encodeMethodCall('metaWeblog.getRecentPosts', ['1', admin.username, admin.password, 'x'.repeat(70 * 1024)]);
    expect((await send(read)).statusCode).toBe(413);
    const unnamed = `<methodCall>${' '.repeat(70 * 1024)}</methodCall>`;
    expect((await send(unnamed)).statusCode).toBe(413);
  });

  it('refuses a post call beyond the largest valid post with 413', async () => {
    const huge = encodeMethodCall('metaWeblog.newPost', ['1', admin.username, admin.password, { title: 'Too long', description: 'x'.repeat(MAX_POST_CALL_BYTES) }, true]);
    const res = await send(huge);
    expect(res.statusCode).toBe(413);
    expect(res.body).toMatch(/larger than \d+\.\d MB/);
  });
});
