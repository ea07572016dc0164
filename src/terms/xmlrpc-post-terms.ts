// Categories and tags on the post methods, as WordPress reads and writes them: `categories` (names) and
// `mt_keywords` (comma-separated tags) on metaWeblog.*, `terms` (ids per taxonomy) and `terms_names` (names
// per taxonomy, created when new and the user may create terms) on wp.newPost / wp.editPost, and the post's
// terms in what getPost / getRecentPosts / wp.getPost(s) answer.
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import type { PostInput } from '../posts/validation.js';
import { member, type Struct } from '../xmlrpc/params.js';
import { XmlRpcFault } from '../xmlrpc/registry.js';
import { findTermsById, findTermsByName, termsOfPosts, type PostTerm } from './repository.js';
import { createTerm } from './service.js';
import { splitTagNames } from './post-terms.js';
import { fromPostTerm, isTaxonomy, termStruct } from './xmlrpc-structs.js';
import { can } from '../users/capabilities.js';

type TermsInput = Pick<PostInput, 'categoryIds' | 'tags'>;
const fault = (code: number, message: string) => new XmlRpcFault(code, message);
const names = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean) : []);

/** metaWeblog.newPost / editPost: category names (unknown ones ignored, as get_cat_ID gives 0) and mt_keywords. */
export async function mwTermsInput(ctx: AppContext, struct: Struct, isNew: boolean): Promise<TermsInput> {
  const out: TermsInput = {};
  const cats = member(struct, 'categories');
  if (Array.isArray(cats)) {
    const ids = (await findTermsByName(ctx.db, 'category', names(cats))).map((t) => t.id);
    if (ids.length || isNew) out.categoryIds = ids;
  }
  const keywords = member(struct, 'mt_keywords');
  if (typeof keywords === 'string') out.tags = splitTagNames(keywords);
  else if (Array.isArray(keywords)) out.tags = names(keywords);
  return out;
}

/** wp.newPost / wp.editPost: `terms` and `terms_names`, refused with WordPress's faults. */
export async function wpTermsInput(ctx: AppContext, user: User, struct: Struct): Promise<TermsInput> {
  const byId = member(struct, 'terms');
  const byName = member(struct, 'terms_names');
  if (byId === undefined && byName === undefined) return {};
  const chosen = { category: [] as number[], post_tag: [] as string[] };
  const touched = new Set<string>();
  const asStruct = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) ? (v as Struct) : {});

  for (const [taxonomy, list] of Object.entries(asStruct(byId))) {
    if (!isTaxonomy(taxonomy)) throw fault(401, 'Sorry, one of the given taxonomies is not supported by the post type.');
    touched.add(taxonomy);
    const ids = (Array.isArray(list) ? list : []).map((v) => Number(v));
    const found = await findTermsById(ctx.db, ids.filter((n) => Number.isInteger(n) && n > 0));
    for (const id of ids) {
      const term = found.find((t) => t.id === id && t.taxonomy === taxonomy);
      if (!term) throw fault(403, 'Invalid term ID.');
      if (taxonomy === 'category') chosen.category.push(term.id);
      else chosen.post_tag.push(term.name);
    }
  }
  for (const [taxonomy, list] of Object.entries(asStruct(byName))) {
    if (!isTaxonomy(taxonomy)) throw fault(401, 'Sorry, one of the given taxonomies is not supported by the post type.');
    touched.add(taxonomy);
    const wanted = names(list);
    const existing = await findTermsByName(ctx.db, taxonomy, wanted);
    for (const name of wanted) {
      const term = existing.find((t) => t.name === name);
      if (taxonomy === 'post_tag') {
        if (!term && !can(user, 'manage_categories')) throw fault(401, 'Sorry, you are not allowed to add a term to one of the given taxonomies.');
        chosen.post_tag.push(name);
        continue;
      }
      if (term) chosen.category.push(term.id);
      else {
        if (!can(user, 'manage_categories')) throw fault(401, 'Sorry, you are not allowed to add a term to one of the given taxonomies.');
        const made = await createTerm(ctx, 'category', { name });
        if (!made.ok) throw fault(500, Object.values(made.errors).join(' '));
        chosen.category.push(made.term.id);
      }
    }
  }
  return {
    ...(touched.has('category') ? { categoryIds: chosen.category } : {}),
    ...(touched.has('post_tag') ? { tags: chosen.post_tag } : {}),
  };
}

/** The terms of these posts, one query for all of them. */
export function termsFor(ctx: AppContext, postIds: number[]): Promise<Map<number, PostTerm[]>> {
  return termsOfPosts(ctx.db, postIds);
}

/** metaWeblog's view of a post's terms: category names and the tags joined by ", " (mw_getPost). */
export function mwTermFields(terms: PostTerm[] = []): { categories: string[]; mt_keywords: string } {
  return {
    categories: terms.filter((t) => t.taxonomy === 'category').map((t) => t.name),
    mt_keywords: terms.filter((t) => t.taxonomy === 'post_tag').map((t) => t.name).join(', '),
  };
}

/** wp.getPost's `terms`: every term of the post as _prepare_term leaves it. */
export function wpTermStructs(terms: PostTerm[] = []): Struct[] {
  return terms.map((t) => termStruct(fromPostTerm(t)));
}
