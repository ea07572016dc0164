// Authors and terms, before any post: each WordPress author is mapped to the user with the same login or
// email, or created as an author with no usable password (WordPress's importer asks; we take the same
// default and say so); categories keep their tree, tags their descriptions. Matching by login and slug makes
// a second import find what the first created.
import type { AppContext } from '../context.js';
import type { Executor } from '../db/database.js';
import type { Taxonomy, User } from '../db/schema.js';
import { htmlToText } from '../content/sanitize.js';
import { findTermBySlug, insertTerm, updateTermRow } from '../terms/repository.js';
import { findUserByEmail, findUserById, findUserByName, insertUserUnlessTaken } from '../users/repository.js';
import { note, skip, type ImportReport } from './report.js';
import type { WxrAuthor, WxrTerm } from './wxr-records.js';
import { slugify } from '../posts/permalink.js';

/** A password hash no password matches (verifyPassword wants "scrypt$…"): the account cannot sign in until one is set. */
export const NO_PASSWORD = '!imported-no-password';

/** What the administrator chose for one of the file's authors: an existing user's id, or a new author. */
export type AuthorChoice = number | 'new';

/** The user an author of the file is given when nobody chooses: the one with the same login, else the same email. */
export async function automaticMatch(db: Executor, a: Pick<WxrAuthor, 'login' | 'email'>): Promise<User | undefined> {
  return (await findUserByName(db, a.login.slice(0, 60))) ?? (a.email ? await findUserByEmail(db, a.email) : undefined);
}

/**
 * Each author of the file becomes the user the administrator chose (Tools → Import's mapping step, or
 * `--map-author`), else the automatic match, else a new author. "Create new author" when the login is taken
 * makes "login-2" (WordPress's importer asks for another name; a suffix keeps the import unattended).
 */
export async function importAuthors(ctx: AppContext, authors: WxrAuthor[], report: ImportReport, choices: ReadonlyMap<string, AuthorChoice> = new Map()): Promise<Map<string, User>> {
  const byLogin = new Map<string, User>();
  for (const a of authors) {
    if (!a.login || byLogin.has(a.login)) continue;
    const choice = choices.get(a.login);
    const chosen = typeof choice === 'number' ? await findUserById(ctx.db, choice) : undefined;
    if (typeof choice === 'number' && !chosen) note(report, `author "${a.login}": the user chosen for it no longer exists, so it was matched as if nobody had chosen`);
    const existing = chosen ?? (choice === 'new' ? undefined : await automaticMatch(ctx.db, a));
    if (existing) {
      byLogin.set(a.login, existing);
      report.existing.authors++;
      if (chosen) note(report, `author "${a.login}": its items were given to ${chosen.username}, as chosen`);
      continue;
    }
    const username = choice === 'new' ? await freeUsername(ctx, a.login.slice(0, 56)) : a.login.slice(0, 60);
    const created = await insertUserUnlessTaken(ctx.db, {
      username,
      displayName: htmlToText(a.displayName || [a.firstName, a.lastName].filter(Boolean).join(' ') || a.login).slice(0, 250),
      email: a.email.slice(0, 254),
      passwordHash: NO_PASSWORD,
      role: 'author',
      createdAt: ctx.clock.now().toISOString(),
    });
    const user = created ?? (await findUserByName(ctx.db, username))!;
    byLogin.set(a.login, user);
    if (created) {
      report.created.authors++;
      note(report, `author "${a.login}" created${username !== a.login ? ` as "${username}" (the login was taken)` : ''} with the author role and no password: it signs in after choosing a password through "Lost your password?" on the login page`);
    } else report.existing.authors++;
  }
  return byLogin;
}

/** `login`, or `login-2`, `login-3`… : the first name no user has. */
async function freeUsername(ctx: AppContext, login: string): Promise<string> {
  let name = login;
  for (let n = 2; await findUserByName(ctx.db, name); n++) name = `${login}-${n}`;
  return name;
}

const TAXONOMIES: Record<string, Taxonomy> = { category: 'category', post_tag: 'post_tag' };

/**
 * Categories and tags, each once: WordPress 6.1 writes every term twice (wp:category/wp:tag and wp:term,
 * core Trac #52470), so they are de-duplicated by taxonomy and slug. Parents are set after all exist, so a
 * child listed before its parent keeps its place in the tree.
 */
export async function importTerms(ctx: AppContext, terms: WxrTerm[], report: ImportReport): Promise<void> {
  const seen = new Set<string>();
  const parents: { id: number; parent: string }[] = [];
  const otherTaxonomies = new Map<string, number>();
  for (const t of terms) {
    const taxonomy = TAXONOMIES[t.taxonomy];
    if (!taxonomy) {
      otherTaxonomies.set(t.taxonomy, (otherTaxonomies.get(t.taxonomy) ?? 0) + 1);
      continue;
    }
    const slug = termSlug(t.slug, t.name);
    if (seen.has(`${taxonomy} ${slug}`)) continue;
    seen.add(`${taxonomy} ${slug}`);
    const kind = taxonomy === 'category' ? 'categories' : 'tags';
    const existing = await findTermBySlug(ctx.db, taxonomy, slug);
    if (existing) {
      report.existing[kind]++;
      continue;
    }
    const created = await insertTerm(ctx.db, { taxonomy, name: htmlToText(t.name || slug).slice(0, 200), slug, description: t.description, parent_id: null });
    report.created[kind]++;
    if (taxonomy === 'category' && t.parent) parents.push({ id: created.id, parent: termSlug(t.parent, t.parent) });
  }
  for (const p of parents) {
    const parent = await findTermBySlug(ctx.db, 'category', p.parent);
    if (parent && parent.id !== p.id) await updateTermRow(ctx.db, p.id, { parent_id: parent.id });
    else note(report, `category parent "${p.parent}" is not in the file: the category was put at the top`);
  }
  for (const [taxonomy, n] of otherTaxonomies) skip(report, `${n} term(s) of taxonomy "${taxonomy.slice(0, 60)}"`, 'Backtalk has categories and tags only');
}

/** Term slugs as Backtalk keeps them: WordPress's percent-encoded letters decoded. */
export function termSlug(slug: string, name: string): string {
  try {
    const decoded = decodeURIComponent(slug);
    if (decoded) return decoded.slice(0, 200);
  } catch {
    /* slugified below */
  }
  return slugify(htmlToText(name));
}

/** The term ids of a post's <category> elements, looked up by slug (created on the way when missing). */
export async function itemTermIds(trx: Executor, refs: { domain: string; slug: string; name: string }[]): Promise<Map<Taxonomy, number[]>> {
  const out = new Map<Taxonomy, number[]>([['category', []], ['post_tag', []]]);
  for (const ref of refs) {
    const taxonomy = TAXONOMIES[ref.domain];
    if (!taxonomy) continue;
    const slug = termSlug(ref.slug, ref.name);
    const term = (await findTermBySlug(trx, taxonomy, slug)) ?? (await insertTerm(trx, { taxonomy, name: htmlToText(ref.name || slug).slice(0, 200), slug, description: '', parent_id: null }));
    if (!out.get(taxonomy)!.includes(term.id)) out.get(taxonomy)!.push(term.id);
  }
  return out;
}
