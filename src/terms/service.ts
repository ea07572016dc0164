// The rules for categories and tags, for the admin screens and XML-RPC alike: names and slugs unique per
// taxonomy, a category tree without cycles, the default category kept, and deleting or merging a term
// refiling its posts (WordPress's wp_insert_term / wp_update_term / wp_delete_term).
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { Taxonomy, Term } from '../db/schema.js';
import { stripControlChars } from '../content/control-chars.js';
import { SLUG_PATTERN, slugify } from '../posts/permalink.js';
import {
  defaultCategory,
  deleteTermRow,
  fileOrphansUnder,
  findTerm,
  findTermBySlug,
  findTermsByName,
  insertTerm,
  moveRelationships,
  reparentChildren,
  updateTermRow,
} from './repository.js';

export const TERM_LIMITS = { nameChars: 200, slugChars: 190, descriptionChars: 5000, treeDepth: 50 } as const;

export interface TermInput {
  name: string;
  slug?: string;
  description?: string;
  /** Categories only; null or 0 for the top level. */
  parentId?: number | null;
}

export type TermErrors = Partial<Record<'name' | 'slug' | 'description' | 'parent' | 'form', string>>;
/** 409: the name or slug belongs to `existing`; the caller may offer to merge into it. */
export type TermResult = { ok: true; term: Term } | { ok: false; status: 400 | 404 | 409; errors: TermErrors; existing?: Term };

export const taxonomyLabel = (t: Taxonomy) => (t === 'category' ? 'category' : 'tag');

/** A slug for a name: WordPress's sanitize_title; a name of punctuation only gets its taxonomy's word. */
export function termSlug(name: string, taxonomy: Taxonomy): string {
  const s = slugify(name);
  return s === 'post' && !/post/i.test(name) ? taxonomyLabel(taxonomy) : s;
}

function clean(input: TermInput): { value: Required<Omit<TermInput, 'parentId'>> & { parentId: number | null }; errors: TermErrors } {
  const errors: TermErrors = {};
  const name = stripControlChars(input.name ?? '').trim();
  const slug = stripControlChars(input.slug ?? '').trim().toLowerCase();
  const description = stripControlChars(input.description ?? '').trim();
  if (!name) errors.name = 'Name is required';
  else if (name.length > TERM_LIMITS.nameChars) errors.name = `Name must be ${TERM_LIMITS.nameChars} characters or fewer`;
  if (slug.length > TERM_LIMITS.slugChars) errors.slug = `Slug must be ${TERM_LIMITS.slugChars} characters or fewer`;
  else if (slug && !SLUG_PATTERN.test(slug)) errors.slug = 'Slug may hold only lower-case letters, digits and single hyphens';
  if (description.length > TERM_LIMITS.descriptionChars) errors.description = `Description must be ${TERM_LIMITS.descriptionChars} characters or fewer`;
  return { value: { name, slug, description, parentId: input.parentId || null }, errors };
}

/** Another term of the taxonomy with this name (or the slug the name would make), or this slug. */
async function clash(db: Executor, taxonomy: Taxonomy, name: string, slug: string, exceptId?: number): Promise<{ term: Term; field: 'name' | 'slug' } | null> {
  const byName = (await findTermsByName(db, taxonomy, [name])).find((t) => t.id !== exceptId);
  if (byName) return { term: byName, field: 'name' };
  const bySlug = await findTermBySlug(db, taxonomy, slug);
  if (bySlug && bySlug.id !== exceptId) return { term: bySlug, field: 'slug' };
  return null;
}

/** The parent is a category, and not the term itself or one of its descendants (no cycles). */
async function checkParent(db: Executor, taxonomy: Taxonomy, parentId: number | null, selfId?: number): Promise<string | null> {
  if (parentId === null) return null;
  if (taxonomy !== 'category') return 'Tags have no parent';
  let at: number | null = parentId;
  for (let depth = 0; at !== null; depth++) {
    if (at === selfId) return 'A category cannot sit under itself or one of its own subcategories';
    if (depth > TERM_LIMITS.treeDepth) return 'The category tree is too deep';
    const t: Term | undefined = await findTerm(db, at);
    if (!t || t.taxonomy !== 'category') return 'The parent category does not exist';
    at = t.parent_id;
  }
  return null;
}

export async function createTerm(ctx: AppContext, taxonomy: Taxonomy, input: TermInput): Promise<TermResult> {
  const { value: v, errors } = clean(input);
  if (Object.keys(errors).length) return { ok: false, status: 400, errors };
  return ctx.transaction(async (trx) => {
    let slug = v.slug || termSlug(v.name, taxonomy);
    let taken = await clash(trx, taxonomy, v.name, slug);
    // Only a name is a clash on insert: a slug in use gets a number, as wp_unique_term_slug does.
    if (taken?.field === 'slug') {
      const base = slug.slice(0, TERM_LIMITS.slugChars - 4);
      let n = 2;
      while (n < 1000 && (await findTermBySlug(trx, taxonomy, `${base}-${n}`))) n++;
      slug = `${base}-${n}`;
      taken = await clash(trx, taxonomy, v.name, slug);
    }
    if (taken) {
      const message = taken.field === 'name' ? `A ${taxonomyLabel(taxonomy)} named “${taken.term.name}” already exists` : `The slug “${slug}” is already in use by another ${taxonomyLabel(taxonomy)}`;
      return { ok: false, status: 409, errors: { [taken.field]: message }, existing: taken.term };
    }
    const parentError = await checkParent(trx, taxonomy, v.parentId);
    if (parentError) return { ok: false, status: 400, errors: { parent: parentError } };
    const term = await insertTerm(trx, { taxonomy, name: v.name, slug, description: v.description, parent_id: v.parentId });
    return { ok: true, term };
  });
}

/**
 * Edits a term. A name or slug that another term of the taxonomy has is refused with 409 and that term,
 * unless `merge` is set: then this term's posts join the other one and this term goes (merge by rename,
 * made explicit so a typo never silently merges two categories).
 */
export async function updateTerm(ctx: AppContext, id: number, input: TermInput, opts: { merge?: boolean } = {}): Promise<TermResult> {
  const { value: v, errors } = clean(input);
  if (Object.keys(errors).length) return { ok: false, status: 400, errors };
  return ctx.transaction(async (trx) => {
    const term = await findTerm(trx, id);
    if (!term) return { ok: false, status: 404, errors: { form: 'There is no such term' } };
    const slug = v.slug || (v.name === term.name ? term.slug : termSlug(v.name, term.taxonomy));
    const taken = await clash(trx, term.taxonomy, v.name, slug, id);
    if (taken) {
      if (opts.merge) return mergeInto(trx, term, taken.term);
      const message = taken.field === 'name' ? `A ${taxonomyLabel(term.taxonomy)} named “${taken.term.name}” already exists` : `The slug “${slug}” is already in use by another ${taxonomyLabel(term.taxonomy)}`;
      return { ok: false, status: 409, errors: { [taken.field]: message }, existing: taken.term };
    }
    const parentId = input.parentId === undefined ? term.parent_id : v.parentId;
    const parentError = await checkParent(trx, term.taxonomy, parentId, id);
    if (parentError) return { ok: false, status: 400, errors: { parent: parentError } };
    const description = input.description === undefined ? term.description : v.description;
    return { ok: true, term: await updateTermRow(trx, id, { name: v.name, slug, description, parent_id: parentId }) };
  });
}

async function mergeInto(trx: Executor, from: Term, into: Term): Promise<TermResult> {
  if (from.is_default) return { ok: false, status: 400, errors: { form: 'The default category cannot be merged away; merge the other category into it instead' } };
  await moveRelationships(trx, from.id, into.id);
  // Its subcategories move up, as on delete: moving them under `into` could close a cycle when `into` is one of them.
  await reparentChildren(trx, from.id, from.parent_id);
  await deleteTermRow(trx, from.id);
  return { ok: true, term: (await findTerm(trx, into.id))! };
}

/** Deletes a term; a category's posts left without one go to the default, its children to its parent. */
export async function deleteTerm(ctx: AppContext, id: number): Promise<TermResult> {
  return ctx.transaction(async (trx) => deleteTermIn(trx, id));
}

export async function deleteTermIn(trx: Executor, id: number): Promise<TermResult> {
  const term = await findTerm(trx, id);
  if (!term) return { ok: false, status: 404, errors: { form: 'There is no such term' } };
  if (term.is_default) return { ok: false, status: 400, errors: { form: 'The default category cannot be deleted' } };
  if (term.taxonomy === 'category') {
    await fileOrphansUnder(trx, id, (await defaultCategory(trx)).id);
    await reparentChildren(trx, id, term.parent_id);
  }
  await deleteTermRow(trx, id);
  return { ok: true, term };
}
