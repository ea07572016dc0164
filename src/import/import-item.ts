// One post or page of the file, with its terms, old addresses and comments, in one transaction: written
// through the posts repository directly, not the publishing service, so no outbound scan, no update-service
// ping and no revision is queued (issue 17: importing old posts must ping no one). Links already in a
// published post are recorded as deliveries skipped as "imported", so a later edit pings only new links.
import type { AppContext } from '../context.js';
import { can } from '../users/capabilities.js';
import type { Executor } from '../db/database.js';
import type { Post, PostStatus, User } from '../db/schema.js';
import { sanitizePostHtml } from '../content/sanitize.js';
import { extractLinks } from '../linkbacks/outbound/links.js';
import { insertDelivery } from '../linkbacks/outbound/repository.js';
import { permalinkPath, type PermalinkSettings } from '../posts/permalink.js';
import { joinPath, parentPath } from '../posts/page-tree.js';
import { findPostById, insertPost, recordOldPath, recordOldSlug, slugTaken } from '../posts/repository.js';
import { defaultCategory, setPostTermsRows } from '../terms/repository.js';
import { enqueue } from '../jobs/queue.js';
import { PUBLISH_DUE_JOB } from '../posts/service.js';
import { rewriteUploadUrls } from './content-urls.js';
import { itemTermIds } from './import-authors-terms.js';
import { importComments } from './import-comments.js';
import type { ImportedMedia } from './import-media.js';
import { oldKeys } from './old-urls.js';
import { mappedId, recordFetchUse, recordMapping } from './repository.js';
import { note, skip, type ImportReport } from './report.js';
import { fromWordPressMarkup } from './wordpress-markup.js';
import { importedSlug, itemDate, openOrClosed, postStatus } from './wp-values.js';
import { metaValue, metaValues, type WxrItem, type WxrSite } from './wxr-records.js';

export interface ItemContext {
  ctx: AppContext;
  source: string;
  site: WxrSite;
  report: ImportReport;
  author: (login: string) => User;
  media: ImportedMedia;
  uploadsPattern: RegExp | null;
  links: PermalinkSettings;
  siteUrl: string;
  defaults: { comment: 'open' | 'closed'; ping: 'open' | 'closed'; notify: boolean };
  /** Pages whose parent comes later in the file: settled once every item is in. */
  pendingParents: { postId: number; wpParent: number }[];
}

/** An attachment still to be fetched that a post links to (or features): the fetch job rewrites the post. */
interface FetchUse {
  fetchId: number;
  featured: boolean;
}

const what = (item: WxrItem) => `${item.postType} ${item.postId} "${item.title.slice(0, 80)}"`;

export async function importItem(ic: ItemContext, item: WxrItem): Promise<void> {
  const kind = item.postType === 'page' ? 'pages' : 'posts';
  const knownId = (await mappedId(ic.ctx.db, ic.source, 'post', item.postId)) ?? (item.guid ? await mappedId(ic.ctx.db, ic.source, 'post', `guid:${item.guid}`) : undefined);
  const known = knownId ? await findPostById(ic.ctx.db, knownId) : undefined;
  if (known) {
    ic.report.existing[kind]++;
    await ic.ctx.transaction((trx) => importComments(ic, trx, known, item.comments));
    return;
  }
  const date = itemDate(item.postDateGmt, item.postDate);
  const mapped = postStatus(item.status, date !== null);
  if ('skip' in mapped) return skip(ic.report, what(item), mapped.skip);
  if (mapped.note) note(ic.report, `${what(item)}: ${mapped.note}`);
  await ic.ctx.transaction(async (trx) => {
    const uses: FetchUse[] = [];
    const post = await insertItem(ic, trx, item, mapped.status, date, uses);
    for (const use of uses) await recordFetchUse(trx, use.fetchId, post.id, use.featured);
    await recordMapping(trx, ic.source, 'post', item.postId, post.id);
    if (item.guid) await recordMapping(trx, ic.source, 'post', `guid:${item.guid}`, post.id);
    const oldSlugs = metaValues(item, '_wp_old_slug');
    for (const old of oldSlugs) await recordOldSlug(trx, post.id, importedSlug(old, old), post.created_at);
    for (const key of oldKeys(item, oldSlugs, ic.site.baseBlogUrl)) {
      await recordOldPath(trx, key, post.id);
      ic.report.created.old_urls++;
    }
    if (post.type === 'post') await fileUnderTerms(trx, post.id, item);
    // Links of published and scheduled posts count as notified: WordPress's importer is notorious for pinging
    // every link of every old post, and a scheduled one goes live later without update-service pings either.
    if (post.status === 'published' || post.status === 'scheduled') await markLinksNotified(ic, trx, post);
    if (post.status === 'scheduled' && post.published_at) {
      await enqueue(trx, ic.ctx.clock, { type: PUBLISH_DUE_JOB, payload: { postId: post.id, at: post.published_at, quiet: true }, runAt: new Date(post.published_at), dedupeKey: `publish:${post.id}:${post.published_at}` });
    }
    await importComments(ic, trx, post, item.comments);
  });
  ic.report.created[kind]++;
}

async function insertItem(ic: ItemContext, trx: Executor, item: WxrItem, status: PostStatus, date: string | null, uses: FetchUse[]): Promise<Post> {
  const now = ic.ctx.clock.now().toISOString();
  const type = item.postType === 'page' ? 'page' : 'post';
  const author = ic.author(item.creator);
  let parentId: number | null = null;
  let parent: string | null = null;
  if (type === 'page' && item.postParent > 0) {
    const mapped = await mappedId(trx, ic.source, 'post', item.postParent);
    const found = mapped ? await parentPath(trx, null, mapped) : null;
    if (mapped && found?.ok) [parentId, parent] = [mapped, found.path];
  }
  // Unique in its scope (pages among their siblings), as WordPress's wp_unique_post_slug.
  let slug = importedSlug(item.postName, item.title);
  for (let n = 2; await slugTaken(trx, { type, parentId }, slug); n++) slug = `${importedSlug(item.postName, item.title)}-${n}`;
  // Private posts have no password and only public, unprotected posts may be sticky (posts/service.ts).
  const password = status === 'private' ? '' : item.password.slice(0, 255);
  const post = await insertPost(trx, {
    type,
    parent_id: parentId,
    menu_order: item.menuOrder,
    page_path: type === 'page' ? joinPath(parent, slug) : null,
    author_id: author.id,
    title: item.title.slice(0, 1000),
    slug,
    content: itemContent(ic, item, author, uses),
    excerpt: item.excerpt,
    status,
    status_before_trash: status === 'trash' ? trashedFrom(item) : null,
    published_at: date ?? (status === 'draft' || status === 'pending' ? null : now),
    created_at: date ?? now,
    updated_at: itemDate(item.postModifiedGmt, '') ?? date ?? now,
    comment_status: openOrClosed(item.commentStatus, ic.defaults.comment),
    ping_status: openOrClosed(item.pingStatus, ic.defaults.ping),
    to_ping: '',
    notify_links: ic.defaults.notify ? 1 : 0,
    featured_media_id: featuredImage(ic, item, uses),
    password,
    sticky: item.isSticky && type === 'post' && status === 'published' && password === '' ? 1 : 0,
    format: 'html',
    source: '',
  });
  if (type === 'page' && item.postParent > 0 && parentId === null) ic.pendingParents.push({ postId: post.id, wpParent: item.postParent });
  return post;
}

function trashedFrom(item: WxrItem): PostStatus {
  const before = postStatus(metaValue(item, '_wp_trash_meta_status') ?? 'draft', true);
  return 'status' in before && before.status !== 'trash' ? before.status : 'draft';
}

/**
 * The stored HTML: block comments dropped and shortcodes made HTML (wordpress-markup.ts); classic content gets
 * wpautop's paragraphs as WordPress adds them on display (block content never had them); upload URLs point
 * at the imported media; an author's HTML is cleaned as it would be when typed (admins keep theirs).
 */
function itemContent(ic: ItemContext, item: WxrItem, author: User, uses: FetchUse[]): string {
  // Block comments dropped, shortcodes made HTML, and classic content given its paragraphs (wpautop) there.
  // A gallery's attachment still to be fetched is listed under its old URL, rewritten with the others below.
  let html = fromWordPressMarkup(item.content, (id) => ic.media.urlByWpId.get(id) ?? ic.media.pendingByWpId.get(id)?.url);
  html = rewriteUploadUrls(html, ic.uploadsPattern, newUploadUrl(ic, uses));
  html += enclosureLinks(ic, item, html, uses);
  // Kept as written only for authors WordPress trusts with unfiltered HTML (users/capabilities.ts).
  return can(author, 'unfiltered_html') ? html : sanitizePostHtml(html);
}

/** Podcast enclosures (post meta "url\nlength\ntype"): a link in the post, which the feeds make an enclosure again. */
function enclosureLinks(ic: ItemContext, item: WxrItem, html: string, uses: FetchUse[]): string {
  let out = '';
  for (const value of metaValues(item, 'enclosure')) {
    const raw = value.split(/\r?\n/)[0]?.trim() ?? '';
    if (!/^https?:\/\//i.test(raw)) continue;
    const url = rewriteUploadUrls(raw, ic.uploadsPattern, newUploadUrl(ic, uses));
    if (html.includes(url) || html.includes(raw)) continue;
    const escaped = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
    out += `\n<p><a href="${escaped}">${escaped}</a></p>`;
  }
  return out;
}

/**
 * The new URL of an upload link, for rewriteUploadUrls: the imported copy's, or none yet for a file still to be
 * fetched, whose link stays as it is and is remembered, so the fetch job rewrites it when the file is in.
 */
function newUploadUrl(ic: ItemContext, uses: FetchUse[]): (relative: string) => string | undefined {
  return (relative) => {
    const url = ic.media.urlByFile.get(relative);
    if (url) return url;
    const fetchId = ic.media.pendingByFile.get(relative);
    if (fetchId && !uses.some((u) => u.fetchId === fetchId && !u.featured)) uses.push({ fetchId, featured: false });
    return undefined;
  };
}

function featuredImage(ic: ItemContext, item: WxrItem, uses: FetchUse[]): number | null {
  const wpId = Number(metaValue(item, '_thumbnail_id') ?? 0);
  if (!wpId) return null;
  const id = ic.media.byWpId.get(wpId);
  const pending = ic.media.pendingByWpId.get(wpId);
  if (!id && pending) {
    uses.push({ fetchId: pending.fetchId, featured: true });
    return null;
  }
  if (!id) note(ic.report, `${what(item)}: its featured image (attachment ${wpId}) was not imported`);
  return id ?? null;
}

async function fileUnderTerms(trx: Executor, postId: number, item: WxrItem): Promise<void> {
  const ids = await itemTermIds(trx, item.terms);
  const categories = ids.get('category')!;
  // Every post is in at least one category, as in WordPress (the default one when none is given).
  await setPostTermsRows(trx, postId, 'category', categories.length ? categories : [(await defaultCategory(trx)).id]);
  await setPostTermsRows(trx, postId, 'post_tag', ids.get('post_tag')!);
}

async function markLinksNotified(ic: ItemContext, trx: Executor, post: Post): Promise<void> {
  const permalink = ic.siteUrl + permalinkPath(post, ic.links);
  const now = ic.ctx.clock.now().toISOString();
  for (const url of extractLinks(post.content, permalink)) {
    await insertDelivery(trx, { post_id: post.id, kind: 'link', target_url: url, state: 'skipped', skip_reason: 'imported', last_answer: 'Imported from WordPress: not sent again', now });
  }
}
