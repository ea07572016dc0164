// Mapping the export's authors (issue 17: "map each to an existing user or create one ... as the WordPress
// importer asks"): a chosen user receives the author's items, "create new author" makes one even when the
// login is taken (as login-2), and an author nobody chose is matched by login, then email, else created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import type { User } from '../../src/db/schema.js';
import { importTextWith } from './helpers.js';
import { wxrFile, wxrItem } from './wxr-builder.js';

const second = `<wp:author><wp:author_id>3</wp:author_id><wp:author_login><![CDATA[editor]]></wp:author_login><wp:author_email><![CDATA[ed@old.example]]></wp:author_email><wp:author_display_name><![CDATA[Ed]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>`;
const byEditor = (id: number, slug: string) => wxrItem({ id, title: slug, slug }).replace('<dc:creator><![CDATA[writer]]></dc:creator>', '<dc:creator><![CDATA[editor]]></dc:creator>');

describe('author mapping', () => {
  let t: TestApp;
  let admin: User;
  let chosen: User;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.ctx, 'admin', 'owner');
    chosen = await createUser(t.ctx, 'editor', 'helen');
  });
  afterAll(async () => t.close());

  const authorOf = async (slug: string) => {
    const row = await t.ctx.db.selectFrom('posts').innerJoin('users', 'users.id', 'posts.author_id').select('users.username').where('posts.slug', '=', slug).executeTakeFirstOrThrow();
    return row.username;
  };

  it('gives an author to the chosen user and creates the other automatically', async () => {
    const xml = wxrFile([wxrItem({ id: 1, title: 'By writer', slug: 'by-writer' }), byEditor(2, 'by-editor')], undefined, second);
    const report = await importTextWith(t, admin, xml, { authorChoices: new Map([['writer', chosen.id]]) });
    expect(report.ok).toBe(true);
    expect(await authorOf('by-writer')).toBe('helen');
    expect(await authorOf('by-editor')).toBe('editor');
    expect(report.created.authors).toBe(1);
    expect(report.notes).toContain('author "writer": its items were given to helen, as chosen');
    expect(await t.ctx.db.selectFrom('users').select('id').where('username', '=', 'writer').executeTakeFirst()).toBeUndefined();
  });

  it('creates a new author under a free name when "create new" is chosen for a login that is taken', async () => {
    const xml = wxrFile([byEditor(3, 'another-by-editor')], 'http://second.example', second);
    const report = await importTextWith(t, admin, xml, { authorChoices: new Map([['editor', 'new']]) });
    expect(await authorOf('another-by-editor')).toBe('editor-2');
    expect(report.notes.some((n) => n.includes('created as "editor-2" (the login was taken)'))).toBe(true);
  });

  it('matches automatically when the chosen user was deleted meanwhile, and says so', async () => {
    const xml = wxrFile([wxrItem({ id: 4, title: 'Third', slug: 'third' }, 'http://third.example')], 'http://third.example');
    const report = await importTextWith(t, admin, xml, { authorChoices: new Map([['writer', 99999]]) });
    expect(await authorOf('third')).toBe('writer');
    expect(report.notes[0]).toMatch(/the user chosen for it no longer exists/);
  });
});
