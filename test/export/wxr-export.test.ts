// The WXR 1.2 export of a seeded blog, read back with a strict XML parser: every element WordPress's
// importer reads, in WordPress 6.1's shapes (compared with the real export in fixtures/wordpress), on SQLite and
// PostgreSQL alike.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWxr } from '../../src/export/wxr-writer.js';
import { loadSettings } from '../../src/settings/repository.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { field, kid, kids, postMeta, readWxr, shape, type WxrDocument, type XmlNode } from '../support/wxr-read.js';
import { wordpressFixture } from '../support/wordpress-fixture.js';
import { NASTY_CONTENT, NASTY_TITLE, seedBlog, type SeededBlog } from './seed-blog.js';

let t: TestApp;
let blog: SeededBlog;
let xml: string;
let doc: WxrDocument;

async function exportAll(opts: { includeSpam?: boolean; pageSize?: number; chunkBytes?: number } = {}): Promise<string> {
  const settings = await loadSettings(t.ctx.db);
  let out = '';
  for await (const chunk of exportWxr(t.ctx.db, { siteUrl: 'http://blog.test', settings, now: t.clock.now(), ...opts })) out += chunk;
  return out;
}

const itemOf = (id: number): XmlNode => doc.items.find((i) => field(i, 'wp:post_id') === String(id))!;
const commentsOf = (item: XmlNode) => kids(item, 'wp:comment');
const commentById = (item: XmlNode, id: number) => commentsOf(item).find((c) => field(c, 'wp:comment_id') === String(id))!;

beforeAll(async () => {
  t = await createTestApp();
  t.clock.set(new Date('2026-11-30T12:00:00Z'));
  blog = await seedBlog(t.ctx);
  xml = await exportAll();
  doc = readWxr(xml);
});
afterAll(async () => t?.close());

describe('the document', () => {
  it('has WordPress 6.1’s namespaces, wxr_version 1.2 and the site', () => {
    const fixture = readWxr(readFileSync(wordpressFixture(), 'utf8'));
    expect(doc.rss.attrs).toEqual(fixture.rss.attrs);
    expect(field(doc.channel, 'wp:wxr_version')).toBe('1.2');
    expect(field(doc.channel, 'title')).toBe('Harbour & "Notes"');
    expect(field(doc.channel, 'description')).toBe('Tides <and> boats');
    expect(field(doc.channel, 'wp:base_site_url')).toBe('http://blog.test');
    expect(field(doc.channel, 'wp:base_blog_url')).toBe('http://blog.test');
    expect(field(doc.channel, 'link')).toBe('http://blog.test');
  });

  it('uses only the element paths the WordPress export uses, and every one of them', () => {
    const fixture = shape(readWxr(readFileSync(wordpressFixture(), 'utf8')).rss);
    const ours = shape(doc.rss);
    expect([...ours].filter((p) => !fixture.has(p))).toEqual([]);
    expect([...fixture].filter((p) => !ours.has(p))).toEqual([]);
  });

  it('lists the authors of what it exports, not every user', () => {
    const authors = kids(doc.channel, 'wp:author').map((a) => ({ login: field(a, 'wp:author_login'), email: field(a, 'wp:author_email'), id: field(a, 'wp:author_id') }));
    expect(authors).toEqual([
      { login: 'harbourmaster', email: blog.admin.email, id: String(blog.admin.id) },
      { login: 'mara', email: blog.author.email, id: String(blog.author.id) },
    ]);
  });

  it('writes the category tree parents first, with slugs, parents by slug and descriptions', () => {
    const cats = kids(doc.channel, 'wp:category').map((c) => ({ slug: field(c, 'wp:category_nicename'), parent: field(c, 'wp:category_parent'), name: field(c, 'wp:cat_name'), description: field(c, 'wp:category_description') }));
    const mine = cats.filter((c) => c.slug !== 'uncategorized');
    expect(mine).toEqual([
      { slug: 'harbour-life', parent: '', name: 'Harbour Life', description: 'Everyday life on the quays.' },
      { slug: 'boats-ferries', parent: 'harbour-life', name: 'Boats & Ferries', description: '' },
      { slug: 'nets', parent: 'boats-ferries', name: 'Nets', description: '' },
    ]);
    const seen = new Set<string>();
    for (const c of cats) {
      if (c.parent) expect(seen.has(c.parent)).toBe(true);
      seen.add(c.slug);
    }
  });

  it('writes tags, and every term again as wp:term as WordPress 6.1 does', () => {
    expect(kids(doc.channel, 'wp:tag').map((t) => [field(t, 'wp:tag_slug'), field(t, 'wp:tag_name'), field(t, 'wp:tag_description')])).toEqual([
      ['tides', 'Tides', 'When the tide table matters.'],
      ['gulls', 'Gulls', ''],
    ]);
    const terms = kids(doc.channel, 'wp:term');
    expect(terms).toHaveLength(kids(doc.channel, 'wp:category').length + kids(doc.channel, 'wp:tag').length);
    const nets = terms.find((x) => field(x, 'wp:term_slug') === 'nets')!;
    expect([field(nets, 'wp:term_taxonomy'), field(nets, 'wp:term_parent')]).toEqual(['category', 'boats-ferries']);
  });
});

describe('posts and pages', () => {
  it('writes every post and page once, with WordPress’s statuses', () => {
    const byType = (type: string) => doc.items.filter((i) => field(i, 'wp:post_type') === type);
    const statuses = Object.fromEntries(byType('post').map((i) => [field(i, 'wp:post_id'), field(i, 'wp:status')]));
    const p = blog.posts;
    expect(statuses).toEqual({
      [p.published.id]: 'publish', [p.draft.id]: 'draft', [p.scheduled.id]: 'future', [p.pending.id]: 'pending', [p.private.id]: 'private',
      [p.protected.id]: 'publish', [p.sticky.id]: 'publish', [p.trashed.id]: 'trash', [p.nasty.id]: 'publish',
    });
    expect(byType('page')).toHaveLength(2);
    expect(byType('attachment')).toHaveLength(2);
  });

  it('writes the fields of a published post: dates local and GMT, terms, excerpt, discussion, link and guid', () => {
    const item = itemOf(blog.posts.published.id);
    expect(field(item, 'title')).toBe('Boats coming home');
    expect(field(item, 'link')).toBe('http://blog.test/2025/07/01/boats-coming-home/');
    expect(field(item, 'guid')).toBe(`http://blog.test/?p=${blog.posts.published.id}`);
    expect(kid(item, 'guid')!.attrs.isPermaLink).toBe('false');
    expect(field(item, 'pubDate')).toBe('Tue, 01 Jul 2025 10:15:30 +0000');
    expect(field(item, 'wp:post_date')).toBe('2025-07-01 12:15:30');
    expect(field(item, 'wp:post_date_gmt')).toBe('2025-07-01 10:15:30');
    expect(field(item, 'dc:creator')).toBe('harbourmaster');
    expect(field(item, 'excerpt:encoded')).toBe('The fleet came home.');
    expect(field(item, 'content:encoded')).toBe('<p>Boats coming home</p>');
    expect(field(item, 'wp:post_name')).toBe('boats-coming-home');
    expect([field(item, 'wp:comment_status'), field(item, 'wp:ping_status')]).toEqual(['open', 'closed']);
    expect(kids(item, 'category').map((c) => [c.attrs.domain, c.attrs.nicename, c.text])).toEqual([
      ['category', 'boats-ferries', 'Boats & Ferries'],
      ['category', 'nets', 'Nets'],
      ['post_tag', 'gulls', 'Gulls'],
      ['post_tag', 'tides', 'Tides'],
    ]);
    expect(postMeta(item).get('_wp_old_slug')).toEqual(['boats-home']);
  });

  it('writes a draft never dated as WordPress does: zero GMT date, empty pubDate, ?p= link', () => {
    const item = itemOf(blog.posts.draft.id);
    expect(field(item, 'wp:post_date_gmt')).toBe('0000-00-00 00:00:00');
    expect(field(item, 'wp:post_date')).toBe('2026-11-30 13:00:00');
    expect(field(item, 'pubDate')).toBe('');
    expect(field(item, 'link')).toBe(`http://blog.test/?p=${blog.posts.draft.id}`);
    expect(field(item, 'dc:creator')).toBe('mara');
  });

  it('writes password, sticky, the scheduled date and the trashed post’s earlier status', () => {
    expect(field(itemOf(blog.posts.protected.id), 'wp:post_password')).toBe('secret');
    expect(field(itemOf(blog.posts.protected.id), 'wp:comment_status')).toBe('closed');
    expect(field(itemOf(blog.posts.sticky.id), 'wp:is_sticky')).toBe('1');
    expect(field(itemOf(blog.posts.published.id), 'wp:is_sticky')).toBe('0');
    expect(field(itemOf(blog.posts.scheduled.id), 'wp:post_date_gmt')).toBe('2026-12-07 12:00:00');
    expect(postMeta(itemOf(blog.posts.trashed.id)).get('_wp_trash_meta_status')).toEqual(['publish']);
  });

  it('writes pages with their parent and menu order', () => {
    const parent = itemOf(blog.pages.parent.id);
    const child = itemOf(blog.pages.child.id);
    expect([field(parent, 'wp:post_type'), field(parent, 'wp:post_parent'), field(parent, 'wp:menu_order')]).toEqual(['page', '0', '1']);
    expect([field(child, 'wp:post_parent'), field(child, 'wp:menu_order')]).toEqual([String(blog.pages.parent.id), '2']);
    expect(field(child, 'link')).toBe('http://blog.test/about/team/');
    expect(field(child, 'guid')).toBe(`http://blog.test/?page_id=${blog.pages.child.id}`);
    expect(field(itemOf(blog.posts.scheduled.id), 'link')).toBe(`http://blog.test/?p=${blog.posts.scheduled.id}`);
  });

  it('carries `]]>`, control characters and characters outside the BMP through CDATA', () => {
    const item = itemOf(blog.posts.nasty.id);
    expect(field(item, 'title')).toBe(NASTY_TITLE.replace('\u0001', ''));
    expect(field(item, 'content:encoded')).toBe(NASTY_CONTENT.replace('\u001b', ''));
    expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  });
});

describe('comments and linkbacks', () => {
  it('writes every comment but spam inside its post, threaded, with WordPress’s approved values', () => {
    const item = itemOf(blog.posts.published.id);
    const c = blog.comments;
    const rows = commentsOf(item).map((x) => [field(x, 'wp:comment_id'), field(x, 'wp:comment_approved'), field(x, 'wp:comment_type'), field(x, 'wp:comment_parent')]);
    expect(rows).toEqual([
      [String(c.top.id), '1', 'comment', '0'],
      [String(c.reply.id), '1', 'comment', String(c.top.id)],
      [String(c.deep.id), '0', 'comment', String(c.reply.id)],
      // Its parent is spam, which is not written: a reply to nothing would point at another comment on import.
      [String(c.underSpam.id), '1', 'comment', '0'],
      [String(c.trashed.id), 'trash', 'comment', '0'],
      [String(c.pingback.id), '1', 'pingback', '0'],
      [String(c.trackback.id), '1', 'trackback', '0'],
      [String(c.webmention.id), '0', 'webmention', '0'],
    ]);
    expect(postMeta(commentById(item, c.trashed.id), 'wp:commentmeta').get('_wp_trash_meta_status')).toEqual(['1']);
  });

  it('writes a comment’s author, email, URL, address and dates, and the user who wrote a reply', () => {
    const top = commentById(itemOf(blog.posts.published.id), blog.comments.top.id);
    expect(field(top, 'wp:comment_author')).toBe('Jonas Berg');
    expect(field(top, 'wp:comment_author_email')).toBe('jonas@example.net');
    expect(field(top, 'wp:comment_author_url')).toBe('https://jonas.example/?a=1&b=2');
    expect(field(top, 'wp:comment_author_IP')).toBe('203.0.113.61');
    expect(field(top, 'wp:comment_date')).toBe('2025-07-01 14:00:00');
    expect(field(top, 'wp:comment_date_gmt')).toBe('2025-07-01 12:00:00');
    expect(field(top, 'wp:comment_content')).toBe('Lovely morning 🎉');
    expect(field(top, 'wp:comment_user_id')).toBe('0');
    const reply = commentById(itemOf(blog.posts.published.id), blog.comments.reply.id);
    expect(field(reply, 'wp:comment_user_id')).toBe(String(blog.admin.id));
  });

  it('writes linkbacks the way WordPress stores received ones, and webmentions as the Webmention plugin does', () => {
    const item = itemOf(blog.posts.published.id);
    const ping = commentById(item, blog.comments.pingback.id);
    expect(field(ping, 'wp:comment_author_url')).toBe('https://tides.example/spring/');
    expect(field(ping, 'wp:comment_content')).toBe('[&#8230;] the whole fleet &lt;came&gt; home [&#8230;]');
    expect(field(ping, 'wp:comment_author_email')).toBe('');
    const track = commentById(item, blog.comments.trackback.id);
    expect(field(track, 'wp:comment_content')).toBe('<strong>Market morning</strong>\n\nCrates on ice');
    const mention = postMeta(commentById(item, blog.comments.webmention.id), 'wp:commentmeta');
    expect(Object.fromEntries([...mention].map(([k, v]) => [k, v[0]]))).toEqual({
      protocol: 'webmention',
      webmention_source_url: 'https://sail.example/notes/1',
      webmention_target_url: 'http://blog.test/2025/07/01/boats-coming-home/',
    });
  });

  it('writes spam too when asked', async () => {
    const all = readWxr(await exportAll({ includeSpam: true }));
    const item = all.items.find((i) => field(i, 'wp:post_id') === String(blog.posts.published.id))!;
    expect(field(commentById(item, blog.comments.spam.id), 'wp:comment_approved')).toBe('spam');
    expect(field(commentById(item, blog.comments.underSpam.id), 'wp:comment_parent')).toBe(String(blog.comments.spam.id));
  });
});

describe('attachments', () => {
  it('writes each upload as an attachment item with its URL, file, alt text and metadata', () => {
    const attachments = doc.items.filter((i) => field(i, 'wp:post_type') === 'attachment');
    const image = attachments.find((a) => field(a, 'title') === 'Boats at dawn')!;
    expect(field(image, 'wp:attachment_url')).toBe('http://blog.test/uploads/2026/11/boats.png');
    expect(field(image, 'guid')).toBe('http://blog.test/uploads/2026/11/boats.png');
    expect(field(image, 'wp:status')).toBe('inherit');
    expect(field(image, 'wp:post_parent')).toBe(String(blog.posts.published.id));
    expect(field(image, 'excerpt:encoded')).toBe('The spring fleet');
    const meta = postMeta(image);
    expect(meta.get('_wp_attached_file')).toEqual(['2026/11/boats.png']);
    expect(meta.get('_wp_attachment_image_alt')).toEqual(['Boats in the basin']);
    expect(meta.get('_wp_attachment_metadata')![0]).toBe(
      'a:5:{s:5:"width";i:800;s:6:"height";i:500;s:4:"file";s:17:"2026/11/boats.png";s:8:"filesize";i:3598;s:5:"sizes";a:2:{' +
        's:9:"thumbnail";a:5:{s:4:"file";s:17:"boats-150x150.png";s:5:"width";i:150;s:6:"height";i:150;s:9:"mime-type";s:9:"image/png";s:8:"filesize";i:900;}' +
        's:6:"medium";a:5:{s:4:"file";s:17:"boats-300x188.png";s:5:"width";i:300;s:6:"height";i:188;s:9:"mime-type";s:9:"image/png";s:8:"filesize";i:1900;}}}',
    );
    const file = attachments.find((a) => field(a, 'title') === 'Tide table')!;
    expect(postMeta(file).has('_wp_attachment_metadata')).toBe(false);
    expect(field(file, 'wp:post_parent')).toBe('0');
  });

  it('points the featured image’s _thumbnail_id at the attachment item, whose id no post has', () => {
    const thumb = postMeta(itemOf(blog.posts.published.id)).get('_thumbnail_id')![0]!;
    expect(field(itemOf(Number(thumb)), 'title')).toBe('Boats at dawn');
    const ids = doc.items.map((i) => field(i, 'wp:post_id'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('links uploads in content by absolute URL, which WordPress’s importer replaces with the fetched file’s', async () => {
    // class-wp-import.php backfill_attachment_urls(): REPLACE(post_content, attachment_url, new URL), and the
    // same for attachment_url without its extension (the "-300x188" sizes). A "/uploads/…" link matches neither.
    const content = '<figure><img src="/uploads/2026/11/boats-300x188.png" srcset="/uploads/2026/11/boats-300x188.png 300w, /uploads/2026/11/boats.png 800w"></figure><p><a href="/uploads/2026/11/boats.png">full size</a>, <a href="https://elsewhere.example/x.png">theirs</a>, <a href="#top">top</a></p>';
    await t.ctx.db.updateTable('posts').set({ content, excerpt: '<img src="/uploads/2026/11/boats-150x150.png">' }).where('id', '=', blog.posts.sticky.id).execute();
    const item = readWxr(await exportAll()).items.find((i) => field(i, 'wp:post_id') === String(blog.posts.sticky.id))!;
    const written = field(item, 'content:encoded');
    const attachmentUrl = 'http://blog.test/uploads/2026/11/boats.png';
    const stub = attachmentUrl.replace(/\.png$/, '');
    expect(written).toContain(`src="${stub}-300x188.png"`);
    expect(written).toContain(`srcset="${stub}-300x188.png 300w, ${attachmentUrl} 800w"`);
    expect(written).toContain(`href="${attachmentUrl}"`);
    expect(written).toContain('href="https://elsewhere.example/x.png"');
    expect(written).toContain('href="#top"');
    expect(written).not.toMatch(/(?:src|href|srcset)="\/uploads\//);
    expect(field(item, 'excerpt:encoded')).toBe(`<img src="${stub}-150x150.png">`);
  });
});
