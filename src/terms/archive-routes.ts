// Term archives (issue 13): /category/<parent>/<child>/ and /tag/<slug>/, each with /page/N/, an RSS feed at
// …/feed/ and Atom at …/feed/atom/. As WordPress: an address without its trailing slash, or a category path
// that misses or misnames a parent, answers 301 to the canonical one; an empty term's archive is a page
// that says so (200), a page past the end is a 404.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Taxonomy, Term } from '../db/schema.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { escapeHtml } from '../content/escape.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { archiveLinks, toViews } from '../posts/public-service.js';
import { readerUnlocks } from '../posts/reader-unlock.js';
import { buildAtom, buildRss } from '../posts/feed.js';
import { FEED_SIZE, feedOf } from '../posts/feed-routes.js';
import { archiveTerms, publishedPostsInTerms, resolveCategory, resolveTag, type ArchiveResolution } from './public-service.js';

type Tail = { kind: 'page'; n: number } | { kind: 'rss' } | { kind: 'atom' };

/** Splits /category/a/b/page/2/ into its slugs and what follows them; null for anything malformed. */
export function parseArchivePath(path: string, prefix: string): { slugs: string[]; tail: Tail } | null {
  const segments = path.slice(prefix.length).split('/').filter(Boolean);
  let slugs: string[];
  try {
    slugs = segments.map((s) => decodeURIComponent(s));
  } catch {
    return null;
  }
  let tail: Tail = { kind: 'page', n: 1 };
  const n = slugs.length;
  if (n >= 2 && slugs[n - 2] === 'feed' && slugs[n - 1] === 'atom') (tail = { kind: 'atom' }), slugs.splice(n - 2);
  else if (n >= 1 && slugs[n - 1] === 'feed') (tail = { kind: 'rss' }), slugs.splice(n - 1);
  else if (n >= 2 && slugs[n - 2] === 'page') {
    if (!/^[1-9]\d{0,5}$/.test(slugs[n - 1]!)) return null;
    tail = { kind: 'page', n: Number(slugs[n - 1]) };
    slugs.splice(n - 2);
  }
  if (slugs.length === 0 || slugs.length > 50 || slugs.some((s) => s.length > 200)) return null;
  return { slugs, tail };
}

const tailPath = (tail: Tail) => (tail.kind === 'rss' ? 'feed/' : tail.kind === 'atom' ? 'feed/atom/' : tail.n > 1 ? `page/${tail.n}/` : '');

const LABEL: Record<Taxonomy, string> = { category: 'Category', post_tag: 'Tag' };

async function renderArchive(ctx: AppContext, reply: FastifyReply, term: Term, base: string, page: number) {
  const settings = await loadSettings(ctx.db);
  const per = settings.posts_per_page;
  const terms = await archiveTerms(ctx, term);
  // Counts are kept per term; a post filed under two categories of the tree counts twice, so with
  // subcategories the sum is an upper bound, and one more post than the page shows says whether one follows.
  const upper = terms.reduce((n, t) => n + Number(t.count), 0);
  if (page > Math.max(1, Math.ceil(upper / per))) return reply.callNotFound();
  const fetched = await publishedPostsInTerms(ctx, terms, per + 1, (page - 1) * per);
  if (page > 1 && fetched.length === 0) return reply.callNotFound();
  const posts = fetched.slice(0, per);
  const totalPages = fetched.length > per ? Math.max(page + 1, Math.ceil(upper / per)) : page;
  const url = (n: number) => (n === 1 ? base : `${base}page/${n}/`);
  const site = siteUrl(ctx.config, settings);
  const feedTitle = `${settings.site_title} » ${term.name} ${LABEL[term.taxonomy]} Feed`;
  return reply.page('public/term-archive', {
    title: [term.name, page > 1 ? `Page ${page}` : ''].filter(Boolean).join(' – '),
    head: `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(feedTitle)}" href="${escapeHtml(site + base)}feed/">\n<link rel="canonical" href="${escapeHtml(site + url(page))}">\n`,
    kindLabel: LABEL[term.taxonomy],
    term,
    listing: { posts: await toViews(ctx, posts, settings, true, readerUnlocks(ctx, reply.request, settings)), page, totalPages },
    archives: await archiveLinks(ctx),
    newer: page > 1 ? url(page - 1) : null,
    older: page < totalPages ? url(page + 1) : null,
  });
}

async function serveFeed(ctx: AppContext, reply: FastifyReply, term: Term, base: string, atom: boolean) {
  const posts = await publishedPostsInTerms(ctx, await archiveTerms(ctx, term), FEED_SIZE, 0);
  const info = await feedOf(ctx, `${base}feed/${atom ? 'atom/' : ''}`, posts, term.name);
  return reply.header('content-type', `${atom ? 'application/atom+xml' : 'application/rss+xml'}; charset=utf-8`).send(atom ? buildAtom(info) : buildRss(info));
}

function archiveHandler(ctx: AppContext, prefix: string, resolve: (slugs: string[]) => Promise<ArchiveResolution>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const [path, query = ''] = request.url.split(/\?(.*)/s, 2) as [string, string?];
    if (!path.endsWith('/')) return reply.redirect(safeRedirectPath(`${path}/${query ? '?' + query : ''}`, { fallback: '/' }), 301);
    const parsed = parseArchivePath(path, prefix);
    if (!parsed) return reply.callNotFound();
    const found = await resolve(parsed.slugs);
    if (found.kind === 'missing') return reply.callNotFound();
    if (found.kind === 'redirect') return reply.redirect(safeRedirectPath(found.path + tailPath(parsed.tail), { fallback: '/' }), 301);
    const { tail } = parsed;
    if (tail.kind === 'page' && tail.n === 1 && path !== found.path) return reply.redirect(found.path, 301);
    if (tail.kind === 'page') return renderArchive(ctx, reply, found.term, found.path, tail.n);
    return serveFeed(ctx, reply, found.term, found.path, tail.kind === 'atom');
  };
}

export async function termArchiveRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const category = archiveHandler(ctx, '/category/', (slugs) => resolveCategory(ctx, slugs));
  const tag = archiveHandler(ctx, '/tag/', (slugs) => (slugs.length === 1 ? resolveTag(ctx, slugs[0]!) : Promise.resolve({ kind: 'missing' as const })));
  app.get('/category/*', SHARED_PAGE, category);
  app.get('/tag/*', SHARED_PAGE, tag);
}
