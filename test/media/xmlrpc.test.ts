// Issue 14 point 5: the media calls of desktop and mobile editors, with WordPress 6's structs and faults,
// through our codec (app.inject) and through Python's own xmlrpc.client over loopback.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { rpcFault, rpcOk, rpcRaw } from '../xmlrpc/client.js';
import { saveSettings } from '../../src/settings/repository.js';
import { findPostById } from '../../src/posts/repository.js';
import { encodeMethodCall } from '../../src/xmlrpc/codec.js';
import { jpegWithGps, png } from './helpers.js';

const run = promisify(execFile);

const PYTHON = String.raw`
import sys, json, xmlrpc.client
endpoint, user, password, path = sys.argv[1:5]
s = xmlrpc.client.ServerProxy(endpoint)
with open(path, 'rb') as f:
    bits = xmlrpc.client.Binary(f.read())
out = {}
item = s.wp.uploadFile(1, user, password, {'name': 'from python.jpg', 'type': 'image/jpeg', 'bits': bits})
out['upload'] = {k: item[k] for k in ('attachment_id', 'id', 'file', 'url', 'link', 'title', 'type', 'parent')}
out['date_type'] = type(item['date_created_gmt']).__name__
again = s.wp.uploadFile(1, user, password, {'name': 'from python.jpg', 'type': 'image/jpeg', 'bits': bits, 'overwrite': True})
out['overwrite_id'] = again['id']
out['library'] = [m['attachment_id'] for m in s.wp.getMediaLibrary(1, user, password, {'number': 10})]
out['item_link'] = s.wp.getMediaItem(1, user, password, int(again['id']))['link']
try:
    s.wp.getMediaItem(1, user, password, 999999)
except xmlrpc.client.Fault as f:
    out['missing'] = [f.faultCode, f.faultString]
try:
    s.metaWeblog.newMediaObject(1, user, password, {'name': 'evil.jpg', 'type': 'image/jpeg', 'bits': xmlrpc.client.Binary(b'<html><script>alert(1)</script></html>')})
except xmlrpc.client.Fault as f:
    out['refused'] = [f.faultCode, f.faultString]
out['deleted'] = s.wp.deleteFile(1, user, password, int(again['id']))
print(json.dumps(out))
`;

describe('media over XML-RPC', () => {
  let t: TestApp;
  let dir: string;
  let author: { username: string; password: string; id: number };
  let other: { username: string; password: string };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-media-rpc-'));
    t = await createTestApp({ dataDir: dir });
    author = await createUser(t.ctx, 'author');
    other = await createUser(t.ctx, 'author');
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const login = () => [1, author.username, author.password];

  it('newMediaObject stores a clean copy and answers with WordPress\'s struct; getMediaItem and getMediaLibrary read it back', async () => {
    const item = await rpcOk<Record<string, any>>(t, 'metaWeblog.newMediaObject', [...login(), { name: 'holiday.jpg', type: 'text/plain', bits: await jpegWithGps(800, 600) }]);
    expect(item).toMatchObject({ attachment_id: item.id, file: 'holiday.jpg', title: 'holiday.jpg', type: 'image/jpeg', parent: 0, caption: '', description: '' });
    expect(item.link).toMatch(/^http:\/\/blog\.test\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{20}\.jpg$/);
    expect(item.url).toBe(item.link);
    expect(item.date_created_gmt).toBeInstanceOf(Date);
    expect(item.metadata).toMatchObject({ width: 800, height: 600, filesize: expect.any(Number) });
    const served = await t.app.inject({ url: new URL(item.link).pathname });
    expect((await sharp(served.rawPayload).metadata()).exif).toBeUndefined();

    await t.app.worker.runUntilIdle();
    const again = await rpcOk<Record<string, any>>(t, 'wp.getMediaItem', [...login(), Number(item.id)]);
    expect(Object.keys(again.metadata.sizes).sort()).toEqual(['medium', 'thumbnail']);
    expect(again.metadata.sizes.medium).toMatchObject({ width: 300, height: 225, 'mime-type': 'image/jpeg' });
    expect(again.thumbnail).toMatch(/-150x150\.jpg$/);

    await rpcOk(t, 'wp.uploadFile', [...login(), { name: 'notes.pdf', type: 'application/pdf', bits: Buffer.from('%PDF-1.4\n%%EOF\n') }]);
    const images = await rpcOk<any[]>(t, 'wp.getMediaLibrary', [...login(), { mime_type: 'image' }]);
    expect(images.map((m) => m.attachment_id)).toEqual([item.id]);
    const pdfs = await rpcOk<any[]>(t, 'wp.getMediaLibrary', [...login(), { mime_type: 'application/pdf' }]);
    expect(pdfs.map((m) => m.title)).toEqual(['notes.pdf']);
    const paged = await rpcOk<any[]>(t, 'wp.getMediaLibrary', [...login(), { number: 1, offset: 1 }]);
    expect(paged.map((m) => m.attachment_id)).toEqual([item.id]);
  });

  it('answers with WordPress\'s faults: unknown attachment, someone else\'s file, a refused type, a bad login', async () => {
    expect(await rpcFault(t, 'wp.getMediaItem', [...login(), 424242])).toEqual({ code: 404, message: 'Invalid attachment ID.' });
    const mine = await rpcOk<Record<string, any>>(t, 'wp.uploadFile', [...login(), { name: 'mine.png', type: 'image/png', bits: await png(20, 20) }]);
    expect(await rpcFault(t, 'wp.deleteFile', [1, other.username, other.password, Number(mine.id)])).toEqual({ code: 401, message: 'Sorry, you are not allowed to delete this post.' });
    expect(await rpcFault(t, 'wp.deleteFile', [...login(), 424242])).toEqual({ code: 404, message: 'Invalid post ID.' });
    const refused = await rpcFault(t, 'wp.uploadFile', [...login(), { name: 'page.jpg', type: 'image/jpeg', bits: Buffer.from('<html>hi</html>') }]);
    expect(refused.code).toBe(500);
    expect(refused.message).toMatch(/^Could not write file page\.jpg \(This kind of file is not allowed/);
    expect((await rpcFault(t, 'wp.uploadFile', [1, author.username, 'wrong', { name: 'a.png', bits: await png(5, 5) }])).code).toBe(403);
    expect((await rpcFault(t, 'wp.uploadFile', [...login(), { name: 'a.png', bits: 'not base64' }])).code).toBe(-32602);
  });

  it('sets, reads and removes a post thumbnail through wp.* and metaWeblog.*', async () => {
    const image = await rpcOk<Record<string, any>>(t, 'wp.uploadFile', [...login(), { name: 'cover.png', type: 'image/png', bits: await png(400, 300) }]);
    const postId = await rpcOk<string>(t, 'wp.newPost', [...login(), { post_title: 'With cover', post_content: '<p>x</p>', post_thumbnail: Number(image.id) }]);
    expect((await findPostById(t.ctx.db, Number(postId)))!.featured_media_id).toBe(Number(image.id));
    const wpPost = await rpcOk<Record<string, any>>(t, 'wp.getPost', [...login(), Number(postId)]);
    expect(wpPost.post_thumbnail).toMatchObject({ attachment_id: image.id, link: image.link });
    const mwPost = await rpcOk<Record<string, any>>(t, 'metaWeblog.getPost', [postId, author.username, author.password]);
    expect(mwPost.wp_post_thumbnail).toBe(Number(image.id));
    expect(await rpcFault(t, 'wp.editPost', [...login(), Number(postId), { post_thumbnail: 987654 }])).toEqual({ code: 404, message: 'Invalid attachment ID.' });
    await rpcOk(t, 'metaWeblog.editPost', [postId, author.username, author.password, { wp_post_thumbnail: '' }, false]);
    expect((await findPostById(t.ctx.db, Number(postId)))!.featured_media_id).toBeNull();
    expect((await rpcOk<Record<string, any>>(t, 'wp.getPost', [...login(), Number(postId)])).post_thumbnail).toEqual([]);
  });

  it('gives uploads a body cap of their own: base64 of the upload limit, refused with 413 beyond it', async () => {
    await saveSettings(t.ctx.db, { media_max_upload_mb: 1 });
    try {
      const ok = await rpcOk<Record<string, any>>(t, 'wp.uploadFile', [...login(), { name: 'big.pdf', bits: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(900_000, 0x20)]) }]);
      expect(ok.metadata.filesize).toBe(900_009);
      const tooBig = encodeMethodCall('wp.uploadFile', [...login(), { name: 'huge.pdf', bits: Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(1_500_000, 0x20)]) }]);
      expect((await rpcRaw(t, tooBig)).statusCode).toBe(413);
      // A pingback stays at 64 KB however large uploads may be.
      const bigPing = encodeMethodCall('pingback.ping', ['x'.repeat(100_000), 'y']);
      expect((await rpcRaw(t, bigPing)).statusCode).toBe(413);
    } finally {
      await saveSettings(t.ctx.db, { media_max_upload_mb: 20 });
    }
  });

  it("works with Python's xmlrpc.client: upload, overwrite, library, item, refused type, delete", async () => {
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    const endpoint = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/xmlrpc.php`;
    const photo = join(dir, 'photo.jpg');
    await sharp(await jpegWithGps(300, 200)).toFile(photo);
    const { stdout } = await run('python3', ['-c', PYTHON, endpoint, author.username, author.password, photo], { timeout: 20_000 });
    const seen = JSON.parse(stdout);
    expect(seen.upload).toMatchObject({ file: 'from python.jpg', title: 'from python.jpg', type: 'image/jpeg', parent: 0 });
    expect(seen.upload.id).toBe(seen.upload.attachment_id);
    expect(seen.date_type).toBe('DateTime');
    // Overwrite replaced the first upload: it is gone from the library, the new one is there.
    expect(seen.library).toContain(seen.overwrite_id);
    expect(seen.library).not.toContain(seen.upload.id);
    expect(seen.item_link).toMatch(/\/uploads\/\d{4}\/\d{2}\/[0-9a-f]{20}\.jpg$/);
    expect(seen.missing).toEqual([404, 'Invalid attachment ID.']);
    expect(seen.refused[0]).toBe(500);
    expect(seen.deleted).toBe(true);
  });
});
