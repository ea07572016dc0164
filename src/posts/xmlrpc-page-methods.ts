// The WordPress page methods (wp.getPage, wp.getPages, wp.getPageList, wp.newPage, wp.editPage,
// wp.deletePage, wp.getPageStatusList, wp.getPageTemplates) over the same posts service, with WordPress 6's
// argument order, struct fields (wp_xmlrpc_server::_prepare_page) and faults: 404 "Sorry, no such page.",
// 401 when the user may not edit pages (WordPress's edit_pages: editors and administrators).
import type { Post, User } from '../db/schema.js';
import { createPost, deletePostForever, trashPost, updatePost, canEditPages } from './service.js';
import { findPostById, recentPosts, listPagesByPath, pagesAfterId } from './repository.js';
import { authorNames } from '../users/repository.js';
import { permalinkUrl, type PermalinkSettings } from './permalink.js';
import { editPostInput, newPostInput, wordpressStatus } from './xmlrpc-post-fields.js';
import { pageFields } from './xmlrpc-wp-post-fields.js';
import { unwrapPostResult } from './xmlrpc-post-access.js';
import { loadSettings } from '../settings/repository.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { login } from '../xmlrpc/credentials.js';
import { boolParam, expectArity, idParam, intParam, structParam, type Struct } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry, type XmlRpcCall } from '../xmlrpc/registry.js';
import type { Executor } from '../db/database.js';

const NO_SUCH_PAGE = 'Sorry, no such page.';
/**
 * wp.getPageList lists every page, as WordPress does, read in batches of PAGE_LIST_BATCH by id so no query
 * grows with the blog; the answer itself is built in memory, so it stops at PAGE_LIST_CAP pages (about 15 MB
 * of XML, the sitemap's per-file count) and says so in the log. README, XML-RPC section.
 */
export const PAGE_LIST_CAP = 50_000;
const PAGE_LIST_BATCH = 500;

const MORE = '<!--more-->';

/** WordPress's _prepare_page struct for each page, with parent titles and author names read in one query each. */
async function pageStructs(db: Executor, pages: Post[], site: string, links: PermalinkSettings): Promise<Struct[]> {
  const parentIds = [...new Set(pages.map((p) => p.parent_id).filter((id): id is number => id !== null))];
  const parents = new Map<number, string>();
  for (const id of parentIds) parents.set(id, (await findPostById(db, id))?.title ?? '');
  const names = await authorNames(db, pages.map((p) => p.author_id));
  return pages.map((page) => {
    const [main, ...more] = page.content.split(MORE);
    const when = new Date(page.published_at ?? page.created_at);
    const link = permalinkUrl(site, page, links);
    const author = names.get(page.author_id) ?? '';
    return {
      dateCreated: when,
      userid: String(page.author_id),
      page_id: page.id,
      page_status: wordpressStatus[page.status],
      description: main,
      title: page.title,
      link,
      permaLink: link,
      categories: [],
      excerpt: page.excerpt,
      text_more: more.join(MORE),
      mt_allow_comments: page.comment_status === 'open' ? 1 : 0,
      mt_allow_pings: page.ping_status === 'open' ? 1 : 0,
      wp_slug: page.slug,
      wp_password: '',
      wp_author: author,
      wp_page_parent_id: page.parent_id ?? 0,
      wp_page_parent_title: page.parent_id !== null ? (parents.get(page.parent_id) ?? '') : '',
      wp_page_order: page.menu_order,
      wp_author_id: String(page.author_id),
      wp_author_display_name: author,
      date_created_gmt: when,
      custom_fields: [],
      wp_page_template: 'default',
    };
  });
}

async function structsFor(call: XmlRpcCall, pages: Post[]): Promise<Struct[]> {
  const [site, settings] = await Promise.all([loadSiteUrl(call.ctx.db, call.ctx.config), loadSettings(call.ctx.db)]);
  return pageStructs(call.ctx.db, pages, site, settings);
}

async function pageEditor(call: XmlRpcCall, username: unknown, password: unknown, denied = 'Sorry, you are not allowed to edit pages.'): Promise<User> {
  const user = await login(call, username, password);
  if (!canEditPages(user)) throw new XmlRpcFault(401, denied);
  return user;
}

async function existingPage(call: XmlRpcCall, id: number): Promise<Post> {
  const page = await findPostById(call.ctx.db, id);
  if (!page || page.type !== 'page') throw new XmlRpcFault(404, NO_SUCH_PAGE);
  return page;
}

export function registerPageMethods(registry: MethodRegistry): void {
  registry.add('wp.getPage', {
    help: 'wp.getPage(blog_id, page_id, username, password): one page.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[1], 'page_id');
      const user = await login(call, call.params[2], call.params[3]);
      const page = await existingPage(call, id);
      if (!canEditPages(user)) throw new XmlRpcFault(401, 'Sorry, you are not allowed to edit this page.');
      return (await structsFor(call, [page]))[0];
    },
  });

  registry.add('wp.getPages', {
    help: 'wp.getPages(blog_id, username, password, num_pages?): the newest pages (10 by default), any status but trash.',
    handler: async (call) => {
      expectArity(call.params, 3, 4);
      const limit = call.params[3] === undefined ? 10 : intParam(call.params[3], 'num_pages', 1, 1000);
      await pageEditor(call, call.params[1], call.params[2]);
      return structsFor(call, await recentPosts(call.ctx.db, { type: 'page', limit }));
    },
  });

  registry.add('wp.getPageList', {
    help: 'wp.getPageList(blog_id, username, password): every page\'s id, title, parent and date (parents first).',
    handler: async (call) => {
      expectArity(call.params, 3);
      await pageEditor(call, call.params[1], call.params[2]);
      // WordPress's get_page_list: every page of any status, ORDER BY ID.
      const out: Struct[] = [];
      for (let after = 0; out.length < PAGE_LIST_CAP; ) {
        const batch = await pagesAfterId(call.ctx.db, after, Math.min(PAGE_LIST_BATCH, PAGE_LIST_CAP - out.length));
        for (const p of batch) {
          const when = new Date(p.published_at ?? p.created_at);
          out.push({ page_id: String(p.id), page_title: p.title, page_parent_id: String(p.parent_id ?? 0), dateCreated: when, date_created_gmt: when });
        }
        if (batch.length < PAGE_LIST_BATCH) return out;
        after = batch[batch.length - 1]!.id;
      }
      if ((await pagesAfterId(call.ctx.db, Number(out[out.length - 1]!.page_id), 1)).length) call.ctx.log.warn({ cap: PAGE_LIST_CAP }, 'wp.getPageList listed only the first pages of this blog');
      return out;
    },
  });

  registry.add('wp.newPage', {
    carriesPost: true,
    help: 'wp.newPage(blog_id, username, password, content, publish): creates a page (metaWeblog fields, wp_page_parent_id, wp_page_order).',
    handler: async (call) => {
      expectArity(call.params, 4, 5);
      const struct = structParam(call.params[3], 'content');
      const publish = call.params[4] === undefined ? false : boolParam(call.params[4], 'publish');
      const input = { ...newPostInput(struct, publish), ...pageFields(struct, 'wp_page_parent_id', 'wp_page_order') };
      const user = await pageEditor(call, call.params[1], call.params[2], 'Sorry, you are not allowed to add new pages.');
      return String(unwrapPostResult(await createPost(call.ctx, user, input)).id);
    },
  });

  registry.add('wp.editPage', {
    carriesPost: true,
    help: 'wp.editPage(blog_id, page_id, username, password, content, publish): changes a page; fields left out are kept.',
    handler: async (call) => {
      expectArity(call.params, 5, 6);
      const id = idParam(call.params[1], 'page_id');
      const struct = structParam(call.params[4], 'content');
      const publish = call.params[5] === undefined ? undefined : boolParam(call.params[5], 'publish');
      const user = await login(call, call.params[2], call.params[3]);
      const before = await existingPage(call, id);
      if (!canEditPages(user)) throw new XmlRpcFault(401, 'Sorry, you are not allowed to edit this page.');
      const { type: _type, ...attributes } = pageFields(struct, 'wp_page_parent_id', 'wp_page_order');
      unwrapPostResult(await updatePost(call.ctx, user, id, { ...editPostInput(before, struct, publish), ...attributes }));
      return true;
    },
  });

  registry.add('wp.deletePage', {
    help: 'wp.deletePage(blog_id, username, password, page_id): to the trash; deleted for good if already there.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const id = idParam(call.params[3], 'page_id');
      const user = await login(call, call.params[1], call.params[2]);
      const page = await existingPage(call, id);
      if (!canEditPages(user)) throw new XmlRpcFault(401, 'Sorry, you are not allowed to delete this page.');
      // wp_delete_post() without force: a page outside the trash goes to it; one already there is deleted.
      unwrapPostResult(page.status === 'trash' ? await deletePostForever(call.ctx, user, id) : await trashPost(call.ctx, user, id));
      return true;
    },
  });

  // get_page_statuses(): what a page can be here (private arrives with the post states).
  registry.add('wp.getPageStatusList', {
    help: 'wp.getPageStatusList(blog_id, username, password): the statuses a page may have.',
    handler: async (call) => {
      expectArity(call.params, 3);
      await pageEditor(call, call.params[1], call.params[2], 'Sorry, you are not allowed to access details about this site.');
      // WordPress's get_page_statuses().
      return { draft: 'Draft', private: 'Private', publish: 'Published' };
    },
  });

  registry.add('wp.getPageTemplates', {
    help: 'wp.getPageTemplates(blog_id, username, password): the theme\'s page templates (only the default one).',
    handler: async (call) => {
      expectArity(call.params, 3);
      await pageEditor(call, call.params[1], call.params[2], 'Sorry, you are not allowed to access details about this site.');
      return { Default: 'default' };
    },
  });
}
