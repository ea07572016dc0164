// The streaming WXR 1.2 export (issue 17 point 2): an async generator of text chunks in WordPress's
// export_wp() order — site, authors, categories, tags, terms, then one item per post, page and attachment
// with its comments inside. Every read is one keyset page, and chunks are handed over as they fill, so
// memory stays bounded by the page size, never by the blog (a consumer that stops reading stops the reads).
import type { Executor } from '../db/database.js';
import type { Settings } from '../settings/definitions.js';
import { authorElement, commentElement, documentFoot, documentHead, generatorElement, itemClose, itemOpen, termGenericElement, termOwnElement, type WxrSite, type WxrTerm } from './wxr-elements.js';
import { attachmentItem, commentEntry, postItem, type MappingContext } from './wxr-mapping.js';
import * as repo from './repository.js';

export interface ExportOptions {
  siteUrl: string;
  settings: Pick<Settings, 'site_title' | 'tagline' | 'timezone' | 'permalink_structure' | 'show_on_front' | 'page_on_front'>;
  now: Date;
  /** Rows read per query (posts, comments, terms, media). */
  pageSize?: number;
  /** Characters (about bytes) gathered before a chunk is handed over. */
  chunkBytes?: number;
  /** WordPress leaves spam comments out of its export; true writes them too (comment_approved "spam"). */
  includeSpam?: boolean;
}

const GENERATOR = 'Backtalk (WXR 1.2, as WordPress 6.1 export_wp)';

export async function* exportWxr(db: Executor, opts: ExportOptions): AsyncGenerator<string> {
  const pageSize = opts.pageSize ?? 200;
  const chunkBytes = opts.chunkBytes ?? 64 * 1024;
  let buffer = '';
  const site: WxrSite = { title: opts.settings.site_title, url: opts.siteUrl, description: opts.settings.tagline, language: 'en-US', generatedAt: opts.now, generator: GENERATOR };
  const attachmentOffset = await repo.lastPostId(db);
  const mapping: MappingContext = { siteUrl: opts.siteUrl, timezone: opts.settings.timezone, links: opts.settings, attachmentOffset };

  buffer += documentHead(site);
  for await (const text of sections(db, site, mapping, pageSize, opts.includeSpam ?? false)) {
    buffer += text;
    if (buffer.length < chunkBytes) continue;
    yield buffer;
    buffer = '';
  }
  buffer += documentFoot();
  yield buffer;
}

/** Every piece of the document after its head, in order. */
async function* sections(db: Executor, site: WxrSite, m: MappingContext, pageSize: number, withSpam: boolean): AsyncGenerator<string> {
  for (let after = 0; ; ) {
    const page = await repo.authorsPage(db, after, pageSize);
    for (const a of page) yield authorElement({ id: a.id, login: a.username, email: a.email, displayName: a.display_name, firstName: '', lastName: '' });
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
  yield '\n';
  for await (const term of allTerms(db, pageSize)) yield termOwnElement(term);
  for await (const term of allTerms(db, pageSize)) yield termGenericElement(term);
  yield generatorElement(site);
  yield* postItems(db, m, pageSize, withSpam);
  yield* attachmentItems(db, m, pageSize);
}

async function* allTerms(db: Executor, pageSize: number): AsyncGenerator<WxrTerm> {
  for (let after: { depth: number; id: number } | null = null; ; ) {
    const page = await repo.categoriesPage(db, after, pageSize);
    for (const c of page) yield { id: c.id, taxonomy: 'category', slug: c.slug, parentSlug: c.parent_slug ?? '', name: c.name, description: c.description };
    if (page.length < pageSize) break;
    const last = page[page.length - 1]!;
    after = { depth: last.depth, id: last.id };
  }
  for (let after = 0; ; ) {
    const page = await repo.tagsPage(db, after, pageSize);
    for (const t of page) yield { id: t.id, taxonomy: 'post_tag', slug: t.slug, parentSlug: '', name: t.name, description: t.description };
    if (page.length < pageSize) break;
    after = page[page.length - 1]!.id;
  }
}

async function* postItems(db: Executor, m: MappingContext, pageSize: number, withSpam: boolean): AsyncGenerator<string> {
  for (let after = 0; ; ) {
    const posts = await repo.postsPage(db, after, m.attachmentOffset, pageSize);
    if (posts.length === 0) break;
    const ids = posts.map((p) => p.id);
    const [names, terms, oldSlugs] = await Promise.all([repo.usernamesOf(db, posts.map((p) => p.author_id)), repo.termsOfPosts(db, ids), repo.oldSlugsOf(db, ids)]);
    const comments = commentStream(db, ids, pageSize, withSpam, m);
    let pending = await comments.next();
    for (const post of posts) {
      const postTerms = (terms.get(post.id) ?? []).map((t) => ({ taxonomy: t.taxonomy, slug: t.slug, name: t.name }));
      yield itemOpen(postItem(post, { creator: names.get(post.author_id) ?? '', terms: postTerms, oldSlugs: oldSlugs.get(post.id) ?? [] }, m));
      // Comments arrive in post order, so this post's are the next ones in the stream.
      while (!pending.done && pending.value.postId === post.id) {
        yield pending.value.xml;
        pending = await comments.next();
      }
      yield itemClose();
    }
    if (posts.length < pageSize) break;
    after = ids[ids.length - 1]!;
  }
}

async function* commentStream(db: Executor, postIds: number[], pageSize: number, withSpam: boolean, m: MappingContext): AsyncGenerator<{ postId: number; xml: string }> {
  for (let after: { postId: number; id: number } | null = null; ; ) {
    const page = await repo.commentsPage(db, postIds, after, pageSize, withSpam);
    const users = await repo.userIdsByEmail(db, page.map((c) => c.author_email));
    // WordPress's importer keeps a parent id it has not seen as it is, pointing at whatever comment gets that id.
    const hidden = withSpam ? new Set<number>() : await repo.spamAmong(db, page.flatMap((c) => (c.parent_id ? [c.parent_id] : [])));
    for (const c of page) {
      const userId = c.kind === 'comment' ? (users.get(c.author_email.toLowerCase()) ?? 0) : 0;
      const entry = commentEntry(c, userId, m);
      if (hidden.has(entry.parent)) entry.parent = 0;
      yield { postId: c.post_id, xml: commentElement(entry) };
    }
    if (page.length < pageSize) break;
    const last = page[page.length - 1]!;
    after = { postId: last.post_id, id: last.id };
  }
}

async function* attachmentItems(db: Executor, m: MappingContext, pageSize: number): AsyncGenerator<string> {
  for (let after = 0; ; ) {
    const media = await repo.mediaPage(db, after, pageSize);
    if (media.length === 0) break;
    const [names, files] = await Promise.all([repo.usernamesOf(db, media.map((x) => x.author_id)), repo.mediaFilesOf(db, media.map((x) => x.id))]);
    for (const item of media) yield itemOpen(attachmentItem(item, files.get(item.id) ?? [], names.get(item.author_id) ?? '', m)) + itemClose();
    if (media.length < pageSize) break;
    after = media[media.length - 1]!.id;
  }
}
