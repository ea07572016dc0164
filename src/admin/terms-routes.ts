// Posts → Categories and Posts → Tags (issue 13): list with counts, add, edit (a rename onto another term's
// name or slug offers to merge into it), delete and bulk delete, for administrators (WordPress's
// manage_categories); and the tag suggestions the editor's tag field asks for, for any signed-in author.
// Every refusal re-renders the screen in the admin layout with a 4xx and what was typed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import type { Taxonomy, Term } from '../db/schema.js';
import { requireCapability, requireUser } from '../http/auth.js';
import { formCheckbox, formText, idParam, inputOf, queryText } from '../http/input.js';
import { z } from 'zod';
import { countTerms, findTerm, listTerms } from '../terms/repository.js';
import { createTerm, deleteTerm, updateTerm, type TermErrors, type TermInput } from '../terms/service.js';
import { categoryPath, categoryPaths, tagPath, termPath } from '../terms/public-service.js';
import { categoryChoices, suggestTags } from './editor-terms.js';

const manageCategories = requireCapability('manage_categories');

const PER_PAGE = 20;

interface Screen {
  taxonomy: Taxonomy;
  base: string;
  singular: string;
  plural: string;
}

const SCREENS: Screen[] = [
  { taxonomy: 'category', base: '/admin/categories', singular: 'Category', plural: 'Categories' },
  { taxonomy: 'post_tag', base: '/admin/tags', singular: 'Tag', plural: 'Tags' },
];

const termForm = inputOf({ name: formText, slug: formText, description: formText, parent: formText, merge: formCheckbox });
type TermFormValues = z.infer<typeof termForm>;
const listQuery = inputOf({ s: queryText.transform((v) => v.trim().slice(0, 200)), page: queryText.transform((v) => (/^[1-9]\d{0,5}$/.test(v) ? Number(v) : 1)) });
const termParams = inputOf({ id: idParam });
const bulkForm = inputOf({
  action: formText,
  ids: z.preprocess((v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => typeof x === 'string' && /^\d{1,12}$/.test(x)).slice(0, 500).map(Number), z.array(z.number())),
});
const suggestQuery = inputOf({ q: queryText });

const emptyForm: TermFormValues = { name: '', slug: '', description: '', parent: '', merge: false };

function toInput(v: TermFormValues, taxonomy: Taxonomy): TermInput {
  const parentId = taxonomy === 'category' && /^\d{1,12}$/.test(v.parent) ? Number(v.parent) : null;
  return { name: v.name, slug: v.slug, description: v.description, parentId };
}

export async function adminTermRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  for (const screen of SCREENS) registerScreen(app, ctx, screen);

  app.get('/admin/tags/suggest', { preHandler: requireUser }, async (request, reply) => {
    const { q } = suggestQuery.parse(request.query);
    return reply.header('cache-control', 'private, no-store').send({ tags: await suggestTags(ctx.db, q.split(',').pop() ?? '') });
  });
}

function registerScreen(app: FastifyInstance, ctx: AppContext, screen: Screen): void {
  const { base, taxonomy } = screen;

  async function list(reply: FastifyReply, opts: { values?: TermFormValues; errors?: TermErrors; status?: number; query?: unknown } = {}) {
    const view = listQuery.parse(opts.query ?? reply.request.query);
    const [terms, total, parents] = await Promise.all([
      listTerms(ctx.db, { taxonomy, limit: PER_PAGE, offset: (view.page - 1) * PER_PAGE, search: view.s || undefined }),
      countTerms(ctx.db, taxonomy),
      taxonomy === 'category' ? categoryChoices(ctx.db) : Promise.resolve(null),
    ]);
    // The category tree is read once for every row's link (one memo lookup, not one per row).
    const paths = await categoryPaths(ctx);
    const rows = terms.map((t) => ({ term: t, view: t.taxonomy === 'post_tag' ? tagPath(t.slug) : categoryPath(paths.get(t.id)?.slugs ?? [t.slug]), parent: t.parent_id }));
    return reply.page(
      'admin/terms',
      { title: screen.plural, activeMenu: base, screen, rows, view, pages: Math.max(1, Math.ceil(total / PER_PAGE)), parents: parents?.categories ?? null, values: opts.values ?? emptyForm, errors: opts.errors ?? {} },
      opts.status ?? 200,
    );
  }

  async function edit(reply: FastifyReply, term: Term, values: TermFormValues, errors: TermErrors = {}, status = 200, existing?: Term) {
    const parents = taxonomy === 'category' ? (await categoryChoices(ctx.db)).categories.filter((c) => c.id !== term.id) : null;
    return reply.page('admin/term-edit', { title: `Edit ${screen.singular.toLowerCase()}`, activeMenu: base, screen, term, values, errors, parents, existing: existing ?? null, view: await termPath(ctx, term) }, status);
  }

  async function found(reply: FastifyReply, params: unknown): Promise<Term | null> {
    const { id } = termParams.parse(params);
    const term = id === null ? undefined : await findTerm(ctx.db, id);
    if (term && term.taxonomy === taxonomy) return term;
    await list(reply, { errors: { form: `There is no such ${screen.singular.toLowerCase()}. It may have been deleted.` }, status: 404, query: {} });
    return null;
  }

  app.get(base, { preHandler: manageCategories }, async (_request, reply) => list(reply));

  app.post(base, { preHandler: [manageCategories, app.csrfProtection] }, async (request, reply) => {
    const values = termForm.parse(request.body);
    const result = await createTerm(ctx, taxonomy, toInput(values, taxonomy));
    if (!result.ok) return list(reply, { values, errors: result.errors, status: result.status, query: {} });
    request.session.set('flash', `${screen.singular} “${result.term.name}” added.`);
    return reply.redirect(base, 303);
  });

  app.get(`${base}/:id/edit`, { preHandler: manageCategories }, async (request, reply) => {
    const term = await found(reply, request.params);
    if (!term) return reply;
    return edit(reply, term, { name: term.name, slug: term.slug, description: term.description, parent: term.parent_id ? String(term.parent_id) : '', merge: false });
  });

  app.post(`${base}/:id`, { preHandler: [manageCategories, app.csrfProtection] }, async (request, reply) => {
    const term = await found(reply, request.params);
    if (!term) return reply;
    const values = termForm.parse(request.body);
    const result = await updateTerm(ctx, term.id, toInput(values, taxonomy), { merge: values.merge });
    if (!result.ok) return edit(reply, term, values, result.errors, result.status, result.existing);
    request.session.set('flash', result.term.id === term.id ? `${screen.singular} updated.` : `“${term.name}” merged into “${result.term.name}”.`);
    return reply.redirect(`${base}/${result.term.id}/edit`, 303);
  });

  app.post(`${base}/:id/delete`, { preHandler: [manageCategories, app.csrfProtection] }, async (request, reply) => {
    const term = await found(reply, request.params);
    if (!term) return reply;
    const result = await deleteTerm(ctx, term.id);
    if (!result.ok) return list(reply, { errors: result.errors, status: result.status, query: {} });
    request.session.set('flash', `${screen.singular} “${term.name}” deleted.`);
    return reply.redirect(base, 303);
  });

  app.post(`${base}/bulk`, { preHandler: [manageCategories, app.csrfProtection] }, async (request, reply) => {
    const { action, ids } = bulkForm.parse(request.body);
    if (action !== 'delete') return list(reply, { errors: { form: 'Choose a bulk action.' }, status: 400, query: {} });
    if (ids.length === 0) return list(reply, { errors: { form: `Tick the ${screen.plural.toLowerCase()} to delete.` }, status: 400, query: {} });
    let deleted = 0;
    const refused: string[] = [];
    for (const id of ids) {
      const term = await findTerm(ctx.db, id);
      if (!term || term.taxonomy !== taxonomy) continue;
      const r = await deleteTerm(ctx, id);
      if (r.ok) deleted++;
      else refused.push(`${term.name}: ${r.errors.form ?? 'not deleted'}`);
    }
    if (refused.length) return list(reply, { errors: { form: `${deleted} deleted. Not deleted — ${refused.join('; ')}.` }, status: 400, query: {} });
    request.session.set('flash', `${deleted} ${deleted === 1 ? screen.singular.toLowerCase() : screen.plural.toLowerCase()} deleted.`);
    return reply.redirect(base, 303);
  });
}
