// Categories and tags as WordPress 6's XML-RPC server answers them: a term as _prepare_term leaves it (ids
// and parent as strings, count as an int, no custom fields here), a taxonomy as _prepare_taxonomy, and the
// older per-API shapes (metaWeblog, MovableType, wp.getTags, wp.suggestCategories).
import type { Taxonomy, Term } from '../db/schema.js';
import type { PostTerm } from './repository.js';
import type { Struct } from '../xmlrpc/params.js';

export const TAXONOMIES: Taxonomy[] = ['category', 'post_tag'];

export function isTaxonomy(name: unknown): name is Taxonomy {
  return name === 'category' || name === 'post_tag';
}

type TermLike = Pick<Term, 'id' | 'name' | 'slug' | 'taxonomy' | 'description' | 'parent_id' | 'count'>;

export function fromPostTerm(t: PostTerm): TermLike {
  return { id: t.id, name: t.name, slug: t.slug, taxonomy: t.taxonomy, description: t.description, parent_id: t.parentId, count: t.count };
}

/** wp.getTerm / wp.getTerms / the terms of wp.getPost: WP_Term's fields in its order, then custom_fields. */
export function termStruct(t: TermLike): Struct {
  return {
    term_id: String(t.id),
    name: t.name,
    slug: t.slug,
    term_group: '0',
    // One row per term here, so the term_taxonomy id is the term's.
    term_taxonomy_id: String(t.id),
    taxonomy: t.taxonomy,
    description: t.description,
    parent: String(t.parent_id ?? 0),
    count: Number(t.count),
    filter: 'raw',
    custom_fields: [],
  };
}

// WordPress 6's default labels for its two built-in taxonomies (get_taxonomy_labels); a label WordPress
// leaves null is sent as an empty string, as IXR encodes PHP's null.
const LABELS: Record<Taxonomy, Record<string, string>> = {
  category: {
    name: 'Categories', singular_name: 'Category', search_items: 'Search Categories', popular_items: '', all_items: 'All Categories',
    parent_item: 'Parent Category', parent_item_colon: 'Parent Category:', edit_item: 'Edit Category', view_item: 'View Category',
    update_item: 'Update Category', add_new_item: 'Add New Category', new_item_name: 'New Category Name',
    separate_items_with_commas: '', add_or_remove_items: '', choose_from_most_used: '', not_found: 'No categories found.',
    no_terms: 'No categories', filter_by_item: 'Filter by category', items_list_navigation: 'Categories list navigation',
    items_list: 'Categories list', most_used: 'Most Used', back_to_items: '&larr; Go to Categories', item_link: 'Category Link',
    item_link_description: 'A link to a category.', menu_name: 'Categories', name_admin_bar: 'category', archives: 'All Categories',
  },
  post_tag: {
    name: 'Tags', singular_name: 'Tag', search_items: 'Search Tags', popular_items: 'Popular Tags', all_items: 'All Tags',
    parent_item: '', parent_item_colon: '', edit_item: 'Edit Tag', view_item: 'View Tag', update_item: 'Update Tag',
    add_new_item: 'Add New Tag', new_item_name: 'New Tag Name', separate_items_with_commas: 'Separate tags with commas',
    add_or_remove_items: 'Add or remove tags', choose_from_most_used: 'Choose from the most used tags', not_found: 'No tags found.',
    no_terms: 'No tags', filter_by_item: '', items_list_navigation: 'Tags list navigation', items_list: 'Tags list', most_used: 'Most Used',
    back_to_items: '&larr; Go to Tags', item_link: 'Tag Link', item_link_description: 'A link to a tag.', menu_name: 'Tags',
    name_admin_bar: 'post_tag', archives: 'All Tags',
  },
};

const CAPS: Record<Taxonomy, Record<string, string>> = {
  category: { manage_terms: 'manage_categories', edit_terms: 'edit_categories', delete_terms: 'delete_categories', assign_terms: 'assign_categories' },
  post_tag: { manage_terms: 'manage_post_tags', edit_terms: 'edit_post_tags', delete_terms: 'delete_post_tags', assign_terms: 'assign_post_tags' },
};

/** wp.getTaxonomy / wp.getTaxonomies; fields default to labels, cap and object_type as in WordPress. */
export function taxonomyStruct(taxonomy: Taxonomy, fields: string[] = ['labels', 'cap', 'object_type']): Struct {
  const out: Struct = {
    name: taxonomy,
    label: LABELS[taxonomy].name,
    hierarchical: taxonomy === 'category',
    public: true,
    show_ui: true,
    _builtin: true,
  };
  if (fields.includes('labels')) out.labels = { ...LABELS[taxonomy] };
  if (fields.includes('cap')) out.cap = { ...CAPS[taxonomy] };
  // WordPress reads show_in_menu off its own half-built array here, so it always answers false.
  if (fields.includes('menu')) out.show_in_menu = false;
  if (fields.includes('object_type')) out.object_type = ['post'];
  return out;
}

/** metaWeblog.getCategories / wp.getCategories: one struct per category, ids as ints. */
export function mwCategoryStruct(t: TermLike, siteUrl: string, path: string): Struct {
  const html = siteUrl + path;
  return {
    categoryId: t.id,
    parentId: t.parent_id ?? 0,
    description: t.name,
    categoryDescription: t.description,
    categoryName: t.name,
    htmlUrl: html,
    rssUrl: `${html}feed/`,
  };
}

export function tagStruct(t: TermLike, siteUrl: string, path: string): Struct {
  return { tag_id: t.id, name: t.name, count: Number(t.count), slug: t.slug, html_url: siteUrl + path, rss_url: `${siteUrl}${path}feed/` };
}
