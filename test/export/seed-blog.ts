// A small blog with one of everything the export writes: posts in every state, pages with a parent, a
// category tree whose child was made before its parent, tags, threaded comments in every status, a pingback,
// a trackback and a webmention, an image with its sizes as featured image, a file, an old slug, and a post
// holding what breaks XML (`]]>`, control characters) and a character outside the BMP.
import type { AppContext } from '../../src/context.js';
import type { Comment, NewComment, Post, User } from '../../src/db/schema.js';
import { insertComment } from '../../src/comments/repository.js';
import { insertMedia, upsertMediaFile } from '../../src/media/repository.js';
import { createPost, trashPost } from '../../src/posts/service.js';
import type { PostInput } from '../../src/posts/validation.js';
import { recordOldSlug } from '../../src/posts/repository.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTerm, updateTerm } from '../../src/terms/service.js';
import { createUser } from '../support/app.js';

export const NASTY_TITLE = 'Ends ]]> here 🌊 \u0001bell';
export const NASTY_CONTENT = '<p>CDATA end ]]> inside, ]]]]> twice, escape\u001b, emoji 🌊🎉 and &amp; &lt;</p>';

export interface SeededBlog {
  admin: User;
  author: User;
  posts: Record<'published' | 'draft' | 'scheduled' | 'pending' | 'private' | 'protected' | 'sticky' | 'trashed' | 'nasty', Post>;
  pages: { parent: Post; child: Post };
  comments: Record<'top' | 'reply' | 'deep' | 'spam' | 'underSpam' | 'trashed' | 'pingback' | 'trackback' | 'webmention', Comment>;
  imageId: number;
  fileId: number;
  categories: { life: number; boats: number; nets: number };
}

async function post(ctx: AppContext, actor: User, input: Partial<PostInput> & { title: string }): Promise<Post> {
  const result = await createPost(ctx, actor, { content: `<p>${input.title}</p>`, status: 'published', ...input });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.post;
}

async function term(ctx: AppContext, taxonomy: 'category' | 'post_tag', name: string, parentId: number | null = null, description = ''): Promise<number> {
  const r = await createTerm(ctx, taxonomy, { name, parentId, description });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.term.id;
}

export async function seedBlog(ctx: AppContext): Promise<SeededBlog> {
  const now = ctx.clock.now();
  const iso = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();
  await saveSettings(ctx.db, { site_title: 'Harbour & "Notes"', tagline: 'Tides <and> boats', timezone: 'Europe/Oslo' });
  const admin = await createUser(ctx, 'admin', 'harbourmaster');
  const author = await createUser(ctx, 'author', 'mara');
  await createUser(ctx, 'author', 'idle'); // wrote nothing: not an author of the export, as in WordPress

  // "Nets" is made first and moved under "Boats" later, so its id is smaller than its parent's.
  const nets = await term(ctx, 'category', 'Nets');
  const life = await term(ctx, 'category', 'Harbour Life', null, 'Everyday life on the quays.');
  const boats = await term(ctx, 'category', 'Boats & Ferries', life);
  const moved = await updateTerm(ctx, nets, { name: 'Nets', parentId: boats });
  if (!moved.ok) throw new Error(JSON.stringify(moved.errors));

  await term(ctx, 'post_tag', 'Tides', null, 'When the tide table matters.');
  const at = now.toISOString();
  const image = await insertMedia(ctx.db, { author_id: admin.id, title: 'Boats at dawn', alt: 'Boats in the basin', caption: 'The spring fleet', original_name: 'boats.png', parent_id: null, mime: 'image/png', kind: 'image', path: '2026/11/boats.png', month: '2026-11', bytes: 3598, width: 800, height: 500, state: 'ready', created_at: at, updated_at: at });
  await upsertMediaFile(ctx.db, { path: '2026/11/boats.png', media_id: image.id, variant: 'original', mime: 'image/png', bytes: 3598, width: 800, height: 500 });
  await upsertMediaFile(ctx.db, { path: '2026/11/boats-150x150.png', media_id: image.id, variant: 'thumbnail', mime: 'image/png', bytes: 900, width: 150, height: 150 });
  await upsertMediaFile(ctx.db, { path: '2026/11/boats-300x188.png', media_id: image.id, variant: 'medium', mime: 'image/png', bytes: 1900, width: 300, height: 188 });
  const file = await insertMedia(ctx.db, { author_id: author.id, title: 'Tide table', alt: '', caption: '', original_name: 'tides.pdf', parent_id: null, mime: 'application/pdf', kind: 'document', path: '2026/11/tides.pdf', month: '2026-11', bytes: 1000, width: null, height: null, state: 'ready', created_at: at, updated_at: at });
  await upsertMediaFile(ctx.db, { path: '2026/11/tides.pdf', media_id: file.id, variant: 'original', mime: 'application/pdf', bytes: 1000, width: null, height: null });

  const published = await post(ctx, admin, { title: 'Boats coming home', slug: 'boats-coming-home', excerpt: 'The fleet came home.', date: '2025-07-01T10:15:30Z', categoryIds: [boats, nets], tags: ['Tides', 'Gulls'], featuredMediaId: image.id, pingStatus: 'closed' });
  await ctx.db.updateTable('media').set({ parent_id: published.id }).where('id', '=', image.id).execute();
  await recordOldSlug(ctx.db, published.id, 'boats-home', at);
  const posts = {
    published,
    draft: await post(ctx, author, { title: 'Draft: the pontoon', status: 'draft' }),
    scheduled: await post(ctx, author, { title: 'Regatta next week', date: iso(7), tags: ['Tides'] }),
    pending: await post(ctx, author, { title: 'Waiting for review', status: 'pending' }),
    private: await post(ctx, admin, { title: 'Committee notes', status: 'private', date: '2025-08-01T08:00:00Z' }),
    protected: await post(ctx, admin, { title: 'Members only', password: 'secret', commentStatus: 'closed', date: '2025-08-02T08:00:00Z' }),
    sticky: await post(ctx, admin, { title: 'Welcome', sticky: true, date: '2025-01-01T00:00:00Z' }),
    trashed: await post(ctx, admin, { title: 'Old mistake', date: '2025-02-01T00:00:00Z' }),
    nasty: await post(ctx, admin, { title: 'placeholder', date: '2025-03-01T00:00:00Z' }),
  };
  const trashed = await trashPost(ctx, admin, posts.trashed.id);
  if (!trashed.ok) throw new Error('trash failed');
  posts.trashed = trashed.post;
  // What the editor would refuse, written as an older version or another tool might have left it.
  await ctx.db.updateTable('posts').set({ title: NASTY_TITLE, content: NASTY_CONTENT }).where('id', '=', posts.nasty.id).execute();

  const parent = await post(ctx, admin, { title: 'About', type: 'page', menuOrder: 1, commentStatus: 'closed' });
  const child = await post(ctx, admin, { title: 'Team', type: 'page', parentId: parent.id, menuOrder: 2 });

  const comment = (fields: Partial<NewComment>): Promise<Comment> =>
    insertComment(ctx.db, {
      post_id: published.id, kind: 'comment', status: 'approved', status_before_trash: null, author_name: 'Jonas Berg', author_email: 'jonas@example.net', author_url: 'https://jonas.example/?a=1&b=2', content: 'Lovely morning 🎉',
      source_url: null, target_url: null, title: null, excerpt: null, ip: '203.0.113.61', user_agent: 'test', created_at: '2025-07-01T12:00:00.000Z', updated_at: '2025-07-01T12:00:00.000Z',
      verification_state: 'unverified', verified_at: null, verification_note: null, moderation_reason: null, ...fields,
    });
  const top = await comment({});
  const reply = await comment({ author_name: 'Harbourmaster', author_email: admin.email, author_url: '', content: 'Thanks!', parent_id: top.id, thread_id: top.id });
  const deep = await comment({ status: 'pending', content: 'And again ]]> \u0002', parent_id: reply.id, thread_id: top.id });
  const spam = await comment({ status: 'spam', author_name: 'Cheap pills', content: 'buy' });
  const underSpam = await comment({ content: 'Answering the spam before it was marked', parent_id: spam.id, thread_id: spam.id });
  const trashedComment = await comment({ status: 'trash', status_before_trash: 'approved', content: 'Oops' });
  const linkback = { author_email: '', verification_state: 'verified' };
  const pingback = await comment({ ...linkback, kind: 'pingback', author_name: 'Spring arrivals – Tide Tables', author_url: 'https://tides.example/spring/', source_url: 'https://tides.example/spring/', title: 'Spring arrivals – Tide Tables', excerpt: 'the whole fleet <came> home', content: 'the whole fleet <came> home' });
  const trackback = await comment({ ...linkback, kind: 'trackback', author_name: 'Northern Food Diary', author_url: 'https://food.example/market/', source_url: 'https://food.example/market/', title: 'Market morning', excerpt: 'Crates on ice', content: 'Crates on ice' });
  const webmention = await comment({ ...linkback, kind: 'webmention', status: 'pending', author_name: 'A sailor', author_url: 'https://sail.example/', source_url: 'https://sail.example/notes/1', target_url: 'http://blog.test/2025/07/01/boats-coming-home/', title: 'Notes', excerpt: 'Saw the boats', content: 'Saw the boats' });

  return { admin, author, posts, pages: { parent, child }, comments: { top, reply, deep, spam, underSpam, trashed: trashedComment, pingback, trackback, webmention }, imageId: image.id, fileId: file.id, categories: { life, boats, nets } };
}
