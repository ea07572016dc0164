// Files the importer refuses or imports with a word (issue 17): a truncated export, something that is not
// one, an entity bomb, a post with an unknown status, a reply whose parent was left out. A refused file
// leaves the blog exactly as it was.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import type { User } from '../../src/db/schema.js';
import { readWxr } from '../../src/import/wxr-reader.js';
import { FIXTURE_FILE, importText, tableCounts } from './helpers.js';
import { wxrComment, wxrFile, wxrItem } from './wxr-builder.js';

describe('bad WXR input', () => {
  let t: TestApp;
  let admin: User;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'importer');
  });
  afterAll(() => t.close());

  async function refused(xml: string, message: RegExp) {
    const before = await tableCounts(t);
    const report = await importText(t, admin, xml);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(message);
    expect(report.error).toMatch(/Nothing was imported/);
    expect(await tableCounts(t)).toEqual(before);
  }

  it('refuses a truncated export whole, even when most of it is readable', async () => {
    const whole = readFileSync(FIXTURE_FILE, 'utf8');
    await refused(whole.slice(0, Math.floor(whole.length * 0.8)), /ends before the export does/);
  });

  it('refuses files that are not WordPress exports', async () => {
    await refused('<html><body>hello</body></html>', /not a WordPress export: its root element is <html>/);
    await refused('<?xml version="1.0"?><rss version="2.0"><channel><title>A feed</title><item><title>x</title></item></channel></rss>', /no <wp:wxr_version>/);
    await refused('', /empty or is not a WordPress export/);
    await refused('this is not xml at all', /not well-formed XML/);
    await refused(wxrFile([]).replace('<wp:wxr_version>1.2', '<wp:wxr_version>9.9'), /WXR version 9.9/);
  });

  it('refuses an entity bomb without expanding anything', async () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><rss><channel><title>&c;</title></channel></rss>`;
    await refused(bomb, /DOCTYPE/);
  });

  it('refuses an undeclared entity (no DTD is ever read)', async () => {
    await refused(wxrFile([wxrItem({ id: 1, title: 'x', slug: 'x' })]).replace('<title>Old blog</title>', '<title>&lol;</title>'), /not well-formed XML/);
  });

  it('imports a post with an unknown status as a draft, and says so', async () => {
    const report = await importText(t, admin, wxrFile([wxrItem({ id: 40, title: 'Odd one', slug: 'odd-one', status: 'archived' })], 'http://odd.example'));
    expect(report.ok).toBe(true);
    expect(report.created.posts).toBe(1);
    expect(report.notes.join('\n')).toMatch(/unknown status "archived": imported as a draft/);
    const post = await t.ctx.db.selectFrom('posts').selectAll().where('slug', '=', 'odd-one').executeTakeFirstOrThrow();
    expect(post.status).toBe('draft');
  });

  it('keeps a reply whose parent is not in the file as a thread of its own, and skips other post types with a reason', async () => {
    const report = await importText(
      t,
      admin,
      wxrFile([wxrItem({ id: 50, title: 'Orphans', slug: 'orphans', comments: [wxrComment({ id: 9, parent: 8 })] }), wxrItem({ id: 51, title: 'Menu', slug: 'menu-1', type: 'nav_menu_item' })], 'http://orphans.example'),
    );
    expect(report.created.comments).toBe(1);
    expect(report.notes.join('\n')).toMatch(/replies to \(8\) is not in the file/);
    expect(report.skipped).toEqual([{ what: '1 item(s) of type "nav_menu_item"', reason: 'Backtalk imports posts, pages and attachments only' }]);
  });

  it('reads WXR 1.0 and 1.1 files as well', async () => {
    for (const version of ['1.0', '1.1']) {
      const xml = wxrFile([wxrItem({ id: 70, title: `Version ${version}`, slug: `version-${version.replace('.', '-')}` })], `http://v${version.replace('.', '')}.example`).replaceAll('export/1.2/', `export/${version}/`).replace('<wp:wxr_version>1.2', `<wp:wxr_version>${version}`);
      const report = await importText(t, admin, xml);
      expect(report.version).toBe(version);
      expect(report.created.posts).toBe(1);
    }
  });

  it('reads the file a chunk at a time: records come out before the end is read', async () => {
    const items = Array.from({ length: 200 }, (_, i) => wxrItem({ id: 1000 + i, title: `Post ${i}`, slug: `post-${i}` }));
    const chunks = Buffer.from(wxrFile(items));
    let fed = 0;
    async function* source() {
      for (let i = 0; i < chunks.length; i += 4096) {
        fed = i + 4096;
        yield chunks.subarray(i, i + 4096);
      }
    }
    for await (const r of readWxr(source())) {
      if (r.kind === 'item') {
        expect(fed).toBeLessThan(chunks.length / 2);
        break;
      }
    }
  });
});
