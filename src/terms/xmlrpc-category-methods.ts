// The older category and tag methods desktop editors still call (MarsEdit, Open Live Writer, ecto):
// metaWeblog.getCategories / wp.getCategories, mt.getCategoryList, mt.getPostCategories,
// mt.setPostCategories, wp.newCategory, wp.deleteCategory, wp.suggestCategories and wp.getTags, with the
// fields, types and faults of WordPress 6's answers to the same calls.
import { login } from '../xmlrpc/credentials.js';
import { expectArity, member, structParam } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry, type XmlRpcCall } from '../xmlrpc/registry.js';
import { loadSiteUrl } from '../settings/site-url.js';
import { editablePost } from '../posts/xmlrpc-post-access.js';
import { defaultCategory, findTerm, listTerms, TERM_LIST_CAP, termsOfPosts } from './repository.js';
import { createTerm, deleteTerm } from './service.js';
import { assignPostTerms } from './post-terms.js';
import { categoryPaths, categoryPath, tagPath } from './public-service.js';
import { looseId } from './xmlrpc-term-methods.js';
import { mwCategoryStruct, tagStruct } from './xmlrpc-structs.js';
import { can } from '../users/capabilities.js';

const fault = (code: number, message: string) => new XmlRpcFault(code, message);
const textOf = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

export function registerCategoryMethods(registry: MethodRegistry): void {
  const allCategories = async (call: XmlRpcCall) => {
    expectArity(call.params, 3);
    await login(call, call.params[1], call.params[2]);
    const [siteUrl, paths, cats] = await Promise.all([
      loadSiteUrl(call.ctx.db, call.ctx.config),
      categoryPaths(call.ctx),
      listTerms(call.ctx.db, { taxonomy: 'category', limit: TERM_LIST_CAP }),
    ]);
    return { siteUrl, paths, cats };
  };

  for (const name of ['metaWeblog.getCategories', 'wp.getCategories']) {
    registry.add(name, {
      help: `${name}(blog_id, username, password): every category with its links.`,
      handler: async (call) => {
        const { siteUrl, paths, cats } = await allCategories(call);
        return cats.map((c) => mwCategoryStruct(c, siteUrl, categoryPath(paths.get(c.id)?.slugs ?? [c.slug])));
      },
    });
  }

  registry.add('mt.getCategoryList', {
    help: 'mt.getCategoryList(blog_id, username, password): every category, id and name.',
    handler: async (call) => (await allCategories(call)).cats.map((c) => ({ categoryId: c.id, categoryName: c.name })),
  });

  registry.add('mt.getPostCategories', {
    help: 'mt.getPostCategories(post_id, username, password): the post\'s categories, the first one primary.',
    handler: async (call) => {
      expectArity(call.params, 3);
      const user = await login(call, call.params[1], call.params[2]);
      const post = await editablePost(call.ctx, user, looseIdOr404(call.params[0]));
      const terms = (await termsOfPosts(call.ctx.db, [post.id])).get(post.id) ?? [];
      return terms.filter((t) => t.taxonomy === 'category').map((t, i) => ({ categoryName: t.name, categoryId: String(t.id), isPrimary: i === 0 }));
    },
  });

  registry.add('mt.setPostCategories', {
    help: 'mt.setPostCategories(post_id, username, password, [{categoryId, isPrimary}]): files the post under them (none: the default).',
    handler: async (call) => {
      expectArity(call.params, 4);
      const user = await login(call, call.params[1], call.params[2]);
      const post = await editablePost(call.ctx, user, looseIdOr404(call.params[0]));
      const list = Array.isArray(call.params[3]) ? call.params[3] : [];
      const ids = list.map((c) => (c && typeof c === 'object' && !Array.isArray(c) ? looseId(member(c as Record<string, unknown>, 'categoryId')) : 0)).filter((id) => id > 0);
      await call.ctx.transaction((trx) => assignPostTerms(trx, post.id, { categoryIds: ids }, false));
      return true;
    },
  });

  registry.add('wp.newCategory', {
    help: 'wp.newCategory(blog_id, username, password, {name, slug?, parent_id?, description?}): the category id (an existing one\'s if the name is taken).',
    handler: async (call) => {
      expectArity(call.params, 4);
      const user = await login(call, call.params[1], call.params[2]);
      if (!can(user, 'manage_categories')) throw fault(401, 'Sorry, you are not allowed to add a category.');
      const struct = structParam(call.params[3], 'category');
      const parent = looseId(member(struct, 'parent_id'));
      const result = await createTerm(call.ctx, 'category', {
        name: textOf(member(struct, 'name')),
        slug: textOf(member(struct, 'slug')),
        description: textOf(member(struct, 'description')),
        parentId: parent || null,
      });
      if (result.ok) return result.term.id;
      if (result.status === 409 && result.existing && result.errors.name) return result.existing.id;
      throw fault(500, 'Sorry, the category could not be created.');
    },
  });

  registry.add('wp.deleteCategory', {
    help: 'wp.deleteCategory(blog_id, username, password, category_id): true; its posts left with none go to the default.',
    handler: async (call) => {
      expectArity(call.params, 4);
      const user = await login(call, call.params[1], call.params[2]);
      const id = looseId(call.params[3]);
      const fallback = await defaultCategory(call.ctx.db);
      if (!can(user, 'manage_categories') || id === fallback.id) throw fault(401, 'Sorry, you are not allowed to delete this category.');
      const term = await findTerm(call.ctx.db, id);
      // wp_delete_term answers false for a term that does not exist.
      if (!term || term.taxonomy !== 'category') return false;
      return (await deleteTerm(call.ctx, id)).ok;
    },
  });

  registry.add('wp.suggestCategories', {
    help: 'wp.suggestCategories(blog_id, username, password, category, max_results): categories whose name contains the text.',
    handler: async (call) => {
      expectArity(call.params, 4, 5);
      await login(call, call.params[1], call.params[2]);
      const max = looseId(call.params[4]);
      const found = await listTerms(call.ctx.db, { taxonomy: 'category', search: textOf(call.params[3]).slice(0, 200) || undefined, limit: max > 0 ? Math.min(max, TERM_LIST_CAP) : TERM_LIST_CAP });
      return found.map((c) => ({ category_id: c.id, category_name: c.name }));
    },
  });

  registry.add('wp.getTags', {
    help: 'wp.getTags(blog_id, username, password): every tag in use, with its counts and links.',
    handler: async (call) => {
      expectArity(call.params, 3);
      await login(call, call.params[1], call.params[2]);
      // get_tags() hides tags no published post uses, as here.
      const [siteUrl, tags] = await Promise.all([loadSiteUrl(call.ctx.db, call.ctx.config), listTerms(call.ctx.db, { taxonomy: 'post_tag', hideEmpty: true, limit: TERM_LIST_CAP })]);
      return tags.map((t) => tagStruct(t, siteUrl, tagPath(t.slug)));
    },
  });
}

/** A post id as WordPress reads it ((int)); 0 is "Invalid post ID.". */
function looseIdOr404(value: unknown): number {
  const id = looseId(value);
  if (!id) throw fault(404, 'Invalid post ID.');
  return id;
}
