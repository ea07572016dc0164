// The WordPress 3.4+ taxonomy API (wp.newTerm, wp.editTerm, wp.deleteTerm, wp.getTerm, wp.getTerms,
// wp.getTaxonomy, wp.getTaxonomies) with WordPress 6's answers and faults: 403 for an unknown taxonomy or an
// empty name, 404 for an unknown term, 401 for what the role may not do (editors and administrators manage terms;
// authors may read and assign them, as WordPress's author role), 500 with the reason for a refused write.
import type { User } from '../db/schema.js';
import type { Executor } from '../db/database.js';
import { login } from '../xmlrpc/credentials.js';
import { member, structParam, type Struct } from '../xmlrpc/params.js';
import { XmlRpcFault, type MethodRegistry, type XmlRpcCall } from '../xmlrpc/registry.js';
import { findTerm, listTerms, TERM_LIST_CAP, type TermListQuery } from './repository.js';
import { createTerm, deleteTerm, updateTerm, type TermResult } from './service.js';
import { isTaxonomy, taxonomyStruct, TAXONOMIES, termStruct } from './xmlrpc-structs.js';
import { can } from '../users/capabilities.js';

const fault = (code: number, message: string) => new XmlRpcFault(code, message);

/** WordPress's minimum_args: too few parameters is a 400 with this message (extra ones are ignored). */
export function minimumArgs(params: unknown[], count: number): void {
  if (params.length < count) throw fault(400, 'Insufficient arguments passed to this XML-RPC method.');
}

/** PHP's (int) of a parameter: digits read as a number, anything else 0 (which names no term). */
export function looseId(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\s*\d{1,12}\s*$/.test(value)) return Number(value);
  return 0;
}

const textOf = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);
const isManager = (user: User) => can(user, 'manage_categories');

function taxonomyOf(name: unknown) {
  if (!isTaxonomy(name)) throw fault(403, 'Invalid taxonomy.');
  return name;
}

/** A refused term write as WordPress words it (wp_insert_term / wp_update_term errors are 500s). */
export function termFault(result: Exclude<TermResult, { ok: true }>, hierarchical: boolean): XmlRpcFault {
  if (result.status === 404) return fault(404, 'Invalid term ID.');
  if (result.status === 409 && result.errors.name) {
    return fault(500, hierarchical ? 'A term with the name provided already exists with this parent.' : 'A term with the name provided already exists in this taxonomy.');
  }
  if (result.errors.parent === 'The parent category does not exist') return fault(403, 'Parent term does not exist.');
  return fault(500, Object.values(result.errors).join(' '));
}

async function parentIdFrom(db: Executor, struct: Struct, hierarchical: boolean, message: string, onlyWhenNonEmpty: boolean): Promise<number | undefined> {
  const raw = member(struct, 'parent');
  if (raw === undefined || (onlyWhenNonEmpty && (raw === '' || raw === 0 || raw === '0' || raw === null))) return undefined;
  if (!hierarchical) throw fault(403, message);
  const id = looseId(raw);
  const parent = id ? await findTerm(db, id) : undefined;
  if (!parent || parent.taxonomy !== 'category') throw fault(403, 'Parent term does not exist.');
  return id;
}

function filterQuery(taxonomy: ReturnType<typeof taxonomyOf>, filter: Struct): TermListQuery {
  const number = looseId(member(filter, 'number'));
  const orderby = textOf(member(filter, 'orderby'));
  const by: Record<string, TermListQuery['orderBy']> = { name: 'name', count: 'count', slug: 'slug', term_id: 'id', id: 'id' };
  const hide = member(filter, 'hide_empty');
  return {
    taxonomy,
    limit: number > 0 ? Math.min(number, TERM_LIST_CAP) : TERM_LIST_CAP,
    offset: looseId(member(filter, 'offset')),
    orderBy: (orderby && by[orderby]) || 'name',
    order: String(member(filter, 'order') ?? '').toUpperCase() === 'DESC' ? 'desc' : 'asc',
    hideEmpty: hide === true || hide === 1 || hide === '1' || hide === 'true',
    search: textOf(member(filter, 'search'))?.slice(0, 200) || undefined,
  };
}

export function registerTermMethods(registry: MethodRegistry): void {
  const withUser = async (call: XmlRpcCall, min: number): Promise<User> => {
    minimumArgs(call.params, min);
    return login(call, call.params[1], call.params[2]);
  };

  registry.add('wp.newTerm', {
    help: 'wp.newTerm(blog_id, username, password, {name, taxonomy, slug?, description?, parent?}): the new term id.',
    handler: async (call) => {
      const user = await withUser(call, 4);
      const struct = structParam(call.params[3], 'content_struct');
      const taxonomy = taxonomyOf(member(struct, 'taxonomy'));
      if (!isManager(user)) throw fault(401, 'Sorry, you are not allowed to create terms in this taxonomy.');
      const name = (textOf(member(struct, 'name')) ?? '').trim();
      if (!name) throw fault(403, 'The term name cannot be empty.');
      const parentId = await parentIdFrom(call.ctx.db, struct, taxonomy === 'category', 'This taxonomy is not hierarchical.', false);
      const result = await createTerm(call.ctx, taxonomy, { name, slug: textOf(member(struct, 'slug')), description: textOf(member(struct, 'description')), parentId });
      if (!result.ok) throw termFault(result, taxonomy === 'category');
      return String(result.term.id);
    },
  });

  registry.add('wp.editTerm', {
    help: 'wp.editTerm(blog_id, username, password, term_id, {taxonomy, name?, slug?, description?, parent?}): true.',
    handler: async (call) => {
      const user = await withUser(call, 5);
      const struct = structParam(call.params[4], 'content_struct');
      const taxonomy = taxonomyOf(member(struct, 'taxonomy'));
      const term = await findTerm(call.ctx.db, looseId(call.params[3]));
      if (!term || term.taxonomy !== taxonomy) throw fault(404, 'Invalid term ID.');
      if (!isManager(user)) throw fault(401, 'Sorry, you are not allowed to edit this term.');
      const given = textOf(member(struct, 'name'));
      if (given !== undefined && !given.trim()) throw fault(403, 'The term name cannot be empty.');
      const parentId = await parentIdFrom(call.ctx.db, struct, taxonomy === 'category', 'Cannot set parent term, taxonomy is not hierarchical.', true);
      const slug = textOf(member(struct, 'slug'));
      const result = await updateTerm(call.ctx, term.id, {
        name: given?.trim() ?? term.name,
        slug: slug === undefined ? term.slug : slug,
        description: textOf(member(struct, 'description')),
        parentId,
      });
      if (!result.ok) throw termFault(result, taxonomy === 'category');
      return true;
    },
  });

  registry.add('wp.deleteTerm', {
    help: 'wp.deleteTerm(blog_id, username, password, taxonomy, term_id): true; a category\'s posts left with none go to the default.',
    handler: async (call) => {
      const user = await withUser(call, 5);
      const taxonomy = taxonomyOf(call.params[3]);
      const term = await findTerm(call.ctx.db, looseId(call.params[4]));
      if (!term || term.taxonomy !== taxonomy) throw fault(404, 'Invalid term ID.');
      // WordPress maps delete_term on the default category to do_not_allow.
      if (!isManager(user) || term.is_default) throw fault(401, 'Sorry, you are not allowed to delete this term.');
      const result = await deleteTerm(call.ctx, term.id);
      if (!result.ok) throw termFault(result, taxonomy === 'category');
      return true;
    },
  });

  registry.add('wp.getTerm', {
    help: 'wp.getTerm(blog_id, username, password, taxonomy, term_id): one term.',
    handler: async (call) => {
      await withUser(call, 5);
      const taxonomy = taxonomyOf(call.params[3]);
      const term = await findTerm(call.ctx.db, looseId(call.params[4]));
      if (!term || term.taxonomy !== taxonomy) throw fault(404, 'Invalid term ID.');
      return termStruct(term);
    },
  });

  registry.add('wp.getTerms', {
    help: 'wp.getTerms(blog_id, username, password, taxonomy, {number, offset, orderby, order, hide_empty, search}?): terms by name.',
    handler: async (call) => {
      await withUser(call, 4);
      const taxonomy = taxonomyOf(call.params[3]);
      const filter = call.params[4] === undefined ? {} : structParam(call.params[4], 'filter');
      return (await listTerms(call.ctx.db, filterQuery(taxonomy, filter))).map(termStruct);
    },
  });

  const fieldsOf = (value: unknown) => (Array.isArray(value) ? value.filter((f): f is string => typeof f === 'string') : undefined);

  registry.add('wp.getTaxonomy', {
    help: 'wp.getTaxonomy(blog_id, username, password, taxonomy, fields?): category or post_tag.',
    handler: async (call) => {
      await withUser(call, 4);
      return taxonomyStruct(taxonomyOf(call.params[3]), fieldsOf(call.params[4]));
    },
  });

  registry.add('wp.getTaxonomies', {
    help: 'wp.getTaxonomies(blog_id, username, password, filter?, fields?): the taxonomies of posts.',
    handler: async (call) => {
      await withUser(call, 3);
      const filter = call.params[3] === undefined ? {} : structParam(call.params[3], 'filter');
      // Both are public, shown in the UI, built in; hierarchical tells them apart.
      const hierarchical = member(filter, 'hierarchical');
      const wanted = TAXONOMIES.filter((t) => hierarchical === undefined || Boolean(hierarchical) === (t === 'category'));
      const others = ['public', 'show_ui', '_builtin'].some((k) => member(filter, k) !== undefined && !member(filter, k));
      return others ? [] : wanted.map((t) => taxonomyStruct(t, fieldsOf(call.params[4])));
    },
  });
}
