// wp.getPostType and wp.getPostTypes as WordPress 6 answers them (wp_xmlrpc_server::_prepare_post_type):
// name, label, hierarchical, public, show_ui, _builtin, has_archive, supports, plus the labels, cap and
// taxonomies groups by default ('menu' on request). The types are WordPress's public built-ins: post, page
// and attachment (media).
import { login } from '../xmlrpc/credentials.js';
import { expectArity, invalidParams, member, stringParam, structParam, type Struct } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry } from '../xmlrpc/registry.js';
import type { User } from '../db/schema.js';
import { can } from '../users/capabilities.js';

interface TypeInfo {
  name: string;
  label: string;
  singular: string;
  hierarchical: boolean;
  /** The capability_type (post or page) its caps are named after. */
  capType: 'post' | 'page';
  supports: string[];
  taxonomies: string[];
  menuPosition: number;
  menuIcon: string;
}

const TYPES: TypeInfo[] = [
  { name: 'post', label: 'Posts', singular: 'Post', hierarchical: false, capType: 'post', supports: ['title', 'editor', 'author', 'thumbnail', 'excerpt', 'trackbacks', 'custom-fields', 'comments', 'revisions', 'post-formats'], taxonomies: ['category', 'post_tag', 'post_format'], menuPosition: 5, menuIcon: 'dashicons-admin-post' },
  { name: 'page', label: 'Pages', singular: 'Page', hierarchical: true, capType: 'page', supports: ['title', 'editor', 'author', 'thumbnail', 'page-attributes', 'custom-fields', 'comments', 'revisions'], taxonomies: [], menuPosition: 20, menuIcon: 'dashicons-admin-page' },
  { name: 'attachment', label: 'Media', singular: 'Media', hierarchical: false, capType: 'post', supports: ['title', 'author', 'comments'], taxonomies: [], menuPosition: 0, menuIcon: 'dashicons-admin-media' },
];

/** What the user may do with a type's posts: WordPress's edit_posts / edit_pages (pages: editors and administrators). */
function canEdit(user: User, type: TypeInfo): boolean {
  return can(user, type.capType === 'page' ? 'edit_pages' : 'edit_posts');
}

function labels(t: TypeInfo): Struct {
  const one = t.singular;
  const many = t.label;
  const lower = one.toLowerCase();
  return {
    name: many,
    singular_name: one,
    add_new: `Add New ${one}`,
    add_new_item: `Add New ${one}`,
    edit_item: `Edit ${one}`,
    new_item: `New ${one}`,
    view_item: `View ${one}`,
    view_items: `View ${many}`,
    search_items: `Search ${many}`,
    not_found: `No ${many.toLowerCase()} found.`,
    not_found_in_trash: `No ${many.toLowerCase()} found in Trash.`,
    parent_item_colon: t.hierarchical ? `Parent ${one}:` : '',
    all_items: `All ${many}`,
    archives: `${one} Archives`,
    attributes: `${one} Attributes`,
    insert_into_item: `Insert into ${lower}`,
    uploaded_to_this_item: `Uploaded to this ${lower}`,
    featured_image: 'Featured image',
    set_featured_image: 'Set featured image',
    remove_featured_image: 'Remove featured image',
    use_featured_image: 'Use as featured image',
    filter_items_list: `Filter ${many.toLowerCase()} list`,
    items_list_navigation: `${many} list navigation`,
    items_list: `${many} list`,
    item_published: `${one} published.`,
    item_reverted_to_draft: `${one} reverted to draft.`,
    item_scheduled: `${one} scheduled.`,
    item_updated: `${one} updated.`,
    menu_name: many,
    name_admin_bar: one,
  };
}

function caps(t: TypeInfo): Struct {
  const s = t.capType;
  const p = `${s}s`;
  return {
    edit_post: `edit_${s}`,
    read_post: `read_${s}`,
    delete_post: `delete_${s}`,
    edit_posts: `edit_${p}`,
    edit_others_posts: `edit_others_${p}`,
    delete_posts: `delete_${p}`,
    publish_posts: `publish_${p}`,
    read_private_posts: `read_private_${p}`,
    read: 'read',
    delete_private_posts: `delete_private_${p}`,
    delete_published_posts: `delete_published_${p}`,
    delete_others_posts: `delete_others_${p}`,
    edit_private_posts: `edit_private_${p}`,
    edit_published_posts: `edit_published_${p}`,
    create_posts: t.name === 'attachment' ? 'upload_files' : `edit_${p}`,
  };
}

const DEFAULT_FIELDS = ['labels', 'cap', 'taxonomies'];

function fieldsParam(value: unknown): string[] {
  if (value === undefined) return DEFAULT_FIELDS;
  if (!Array.isArray(value) || !value.every((f) => typeof f === 'string')) throw invalidParams('Parameter fields must be an array of strings.');
  return value;
}

export function postTypeStruct(t: TypeInfo, fields: string[]): Struct {
  const out: Struct = {
    name: t.name,
    label: t.label,
    hierarchical: t.hierarchical,
    public: true,
    show_ui: true,
    _builtin: true,
    has_archive: false,
    supports: Object.fromEntries(t.supports.map((s) => [s, true])),
  };
  if (fields.includes('labels')) out.labels = labels(t);
  if (fields.includes('cap')) Object.assign(out, { cap: caps(t), map_meta_cap: true });
  if (fields.includes('menu')) Object.assign(out, { menu_position: t.menuPosition, menu_icon: t.menuIcon, show_in_menu: true });
  if (fields.includes('taxonomies')) out.taxonomies = t.taxonomies;
  return out;
}

export function registerPostTypeMethods(registry: MethodRegistry): void {
  registry.add('wp.getPostType', {
    help: 'wp.getPostType(blog_id, username, password, post_type_name, fields?): one post type.',
    handler: async (call) => {
      expectArity(call.params, 4, 5);
      const name = stringParam(call.params[3], 'post_type_name');
      const fields = fieldsParam(call.params[4]);
      const user = await login(call, call.params[1], call.params[2]);
      const type = TYPES.find((t) => t.name === name);
      if (!type) throw new XmlRpcFault(403, 'Invalid post type.');
      if (!canEdit(user, type)) throw new XmlRpcFault(401, 'Sorry, you are not allowed to edit posts in this post type.');
      return postTypeStruct(type, fields);
    },
  });

  registry.add('wp.getPostTypes', {
    help: 'wp.getPostTypes(blog_id, username, password, filter?, fields?): the post types the user may edit, by name.',
    handler: async (call) => {
      expectArity(call.params, 3, 5);
      const filter = call.params[3] === undefined ? {} : structParam(call.params[3], 'filter');
      const fields = fieldsParam(call.params[4]);
      const user = await login(call, call.params[1], call.params[2]);
      // Every type here is public, built in and shown in the admin; a filter asking otherwise matches none.
      const wanted = (key: string, actual: boolean) => {
        const v = member(filter, key);
        return v === undefined || Boolean(v) === actual;
      };
      const out: Struct = {};
      for (const t of TYPES) {
        if (!canEdit(user, t) || !wanted('public', true) || !wanted('_builtin', true) || !wanted('show_ui', true) || !wanted('hierarchical', t.hierarchical)) continue;
        out[t.name] = postTypeStruct(t, fields);
      }
      return out;
    },
  });
}
