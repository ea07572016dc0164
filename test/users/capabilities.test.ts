// The capability table (src/users/capabilities.ts) against WordPress's populate_roles and map_meta_cap:
// what each role may do, and the resource-aware meta capabilities (own or others', draft or published).
import { describe, expect, it } from 'vitest';
import { can, capabilitiesOf, listingScope, roleFromName, WORDPRESS_ROLE, type Capability } from '../../src/users/capabilities.js';
import type { Role } from '../../src/db/schema.js';

const admin = { id: 1, role: 'admin' as Role };
const editor = { id: 2, role: 'editor' as Role };
const author = { id: 3, role: 'author' as Role };
const contributor = { id: 4, role: 'contributor' as Role };
const everyone = [admin, editor, author, contributor];
const post = (author_id: number, status: 'draft' | 'pending' | 'published' | 'private' | 'scheduled', type: 'post' | 'page' = 'post') => ({ author_id, status, type });

describe('capability table', () => {
  it.each<[Capability, Role[]]>([
    ['manage_options', ['admin']],
    ['list_users', ['admin']],
    ['edit_users', ['admin']],
    ['delete_users', ['admin']],
    ['moderate_comments', ['admin', 'editor']],
    ['manage_categories', ['admin', 'editor']],
    ['edit_others_posts', ['admin', 'editor']],
    ['read_private_posts', ['admin', 'editor']],
    ['edit_pages', ['admin', 'editor']],
    ['edit_others_pages', ['admin', 'editor']],
    ['unfiltered_html', ['admin', 'editor']],
    ['publish_posts', ['admin', 'editor', 'author']],
    ['edit_published_posts', ['admin', 'editor', 'author']],
    ['upload_files', ['admin', 'editor', 'author']],
    ['edit_posts', ['admin', 'editor', 'author', 'contributor']],
    ['delete_posts', ['admin', 'editor', 'author', 'contributor']],
  ])('%s belongs to %j', (cap, roles) => {
    expect(everyone.filter((u) => can(u, cap)).map((u) => u.role)).toEqual(roles);
  });

  it('nobody signed in may do anything but read published posts', () => {
    expect(can(null, 'edit_posts')).toBe(false);
    expect(can(null, 'read_post', post(1, 'published'))).toBe(true);
    expect(can(null, 'read_post', post(1, 'private'))).toBe(false);
  });

  it('an unknown stored role may do nothing', () => {
    expect(can({ id: 9, role: 'subscriber' as Role }, 'edit_posts')).toBe(false);
    expect(capabilitiesOf('subscriber' as Role).size).toBe(0);
  });

  it('each role includes the one below it', () => {
    for (const [higher, lower] of [['admin', 'editor'], ['editor', 'author'], ['author', 'contributor']] as [Role, Role][]) {
      for (const cap of capabilitiesOf(lower)) expect(capabilitiesOf(higher).has(cap), `${higher} lacks ${cap}`).toBe(true);
    }
  });
});

describe('meta capabilities (map_meta_cap)', () => {
  it('a contributor edits their own draft and pending post, never once published, never others\'', () => {
    expect(can(contributor, 'edit_post', post(4, 'draft'))).toBe(true);
    expect(can(contributor, 'edit_post', post(4, 'pending'))).toBe(true);
    expect(can(contributor, 'edit_post', post(4, 'published'))).toBe(false);
    expect(can(contributor, 'edit_post', post(4, 'scheduled'))).toBe(false);
    expect(can(contributor, 'edit_post', post(3, 'draft'))).toBe(false);
    expect(can(contributor, 'publish_post', post(4, 'draft'))).toBe(false);
    expect(can(contributor, 'delete_post', post(4, 'published'))).toBe(false);
    expect(can(contributor, 'delete_post', post(4, 'draft'))).toBe(true);
  });

  it('an author edits and publishes their own posts, nobody else\'s, and no pages', () => {
    expect(can(author, 'edit_post', post(3, 'published'))).toBe(true);
    expect(can(author, 'publish_post', post(3, 'draft'))).toBe(true);
    expect(can(author, 'edit_post', post(2, 'draft'))).toBe(false);
    expect(can(author, 'edit_post', post(3, 'draft', 'page'))).toBe(false);
  });

  it('an editor edits everyone\'s posts and pages, private ones too', () => {
    expect(can(editor, 'edit_post', post(3, 'published'))).toBe(true);
    expect(can(editor, 'edit_post', post(4, 'pending'))).toBe(true);
    expect(can(editor, 'edit_post', post(1, 'private'))).toBe(true);
    expect(can(editor, 'edit_post', post(1, 'published', 'page'))).toBe(true);
    expect(can(editor, 'delete_post', post(3, 'published'))).toBe(true);
  });

  it('private posts are read by their author and by read_private_posts', () => {
    expect(can(author, 'read_post', post(3, 'private'))).toBe(true);
    expect(can(author, 'read_post', post(1, 'private'))).toBe(false);
    expect(can(contributor, 'read_post', post(1, 'private'))).toBe(false);
    expect(can(editor, 'read_post', post(1, 'private'))).toBe(true);
  });

  it('media: the uploader, or anyone with edit_others_posts; never a contributor', () => {
    expect(can(author, 'edit_media', { author_id: 3 })).toBe(true);
    expect(can(author, 'edit_media', { author_id: 1 })).toBe(false);
    expect(can(editor, 'edit_media', { author_id: 1 })).toBe(true);
    expect(can(contributor, 'edit_media', { author_id: 4 })).toBe(false);
  });

  it('listings show everyone\'s posts to editors and one\'s own to the rest', () => {
    expect(listingScope(editor)).toBeUndefined();
    expect(listingScope(author)).toBe(3);
    expect(listingScope(contributor, 'page')).toBe(4);
  });

  it('role names are WordPress\'s both ways', () => {
    expect(WORDPRESS_ROLE).toEqual({ admin: 'administrator', editor: 'editor', author: 'author', contributor: 'contributor' });
    expect(roleFromName('Administrator')).toBe('admin');
    expect(roleFromName('contributor')).toBe('contributor');
    expect(roleFromName('subscriber')).toBeUndefined();
  });
});
