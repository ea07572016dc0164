// Date archives (/YYYY/, /YYYY/MM/, /YYYY/MM/DD/) and author archives (/author/<username>/), each with
// /page/N/. Every address answers with and without its trailing slash (without: a 301 to with, as
// WordPress's canonical redirect does); an impossible date or an empty archive is a 404, never a 500.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import { SHARED_PAGE } from '../cache/cacheable-request.js';
import { escapeHtml } from '../content/escape.js';
import { inputOf, queryText } from '../http/input.js';
import { safeRedirectPath } from '../http/redirect-target.js';
import { findUserByName } from '../users/repository.js';
import { monthName } from './date-format.js';
import { pageNumber, renderListing } from './listing-page.js';
import { DAY_PARAM, MONTH_PARAM, YEAR_PARAM } from './permalink.js';

const dateParams = inputOf({ year: queryText, month: queryText, day: queryText, n: queryText, author: queryText });

/** The same address with a trailing slash, query kept: WordPress's canonical form. */
export function addSlash(request: FastifyRequest, reply: FastifyReply) {
  const i = request.url.indexOf('?');
  const [path, query] = i < 0 ? [request.url, ''] : [request.url.slice(0, i), request.url.slice(i)];
  return reply.redirect(safeRedirectPath(`${path}/${query}`, { fallback: '/' }), 301);
}

interface DateArchive {
  base: string;
  heading: string;
  range: { from: string; to: string };
}

/** The archive a year, month and optional day name, or null when the date cannot exist. */
export function dateArchive(year: string, month?: string, day?: string): DateArchive | null {
  const y = Number(year);
  if (y < 1000) return null;
  const iso = (d: Date) => d.toISOString();
  if (month === undefined) return { base: `/${year}/`, heading: `Posts from ${year}`, range: { from: iso(new Date(Date.UTC(y, 0, 1))), to: iso(new Date(Date.UTC(y + 1, 0, 1))) } };
  const m = Number(month);
  if (m < 1 || m > 12) return null;
  if (day === undefined) return { base: `/${year}/${month}/`, heading: `Posts from ${monthName(m)} ${year}`, range: { from: iso(new Date(Date.UTC(y, m - 1, 1))), to: iso(new Date(Date.UTC(y, m, 1))) } };
  const d = Number(day);
  if (d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  return { base: `/${year}/${month}/${day}/`, heading: `Posts from ${monthName(m)} ${d}, ${year}`, range: { from: iso(new Date(Date.UTC(y, m - 1, d))), to: iso(new Date(Date.UTC(y, m - 1, d + 1))) } };
}

export async function archiveRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  /** Serves page N (from the path, 1 when absent) of a listing; /page/1/ goes to the listing itself. */
  const paged = (describe: (p: ReturnType<typeof dateParams.parse>) => Promise<Parameters<typeof renderListing>[3] | null>) =>
    async (request: FastifyRequest, reply: FastifyReply) => {
      const params = dateParams.parse(request.params);
      const page = params.n === '' ? 1 : pageNumber(params.n);
      const listing = page === null ? null : await describe(params);
      if (!listing || page === null) return reply.callNotFound();
      if (params.n === '1') return reply.redirect(encodeURI(listing.base), 301);
      return renderListing(ctx, reply, page, listing);
    };
  const byDate = paged(async (p) => {
    const a = dateArchive(p.year, p.month || undefined, p.day || undefined);
    return a && { base: a.base, heading: a.heading, filter: { range: a.range } };
  });
  const byAuthor = paged(async (p) => {
    const user = p.author.length <= 60 ? await findUserByName(ctx.db, p.author) : undefined;
    if (!user) return null;
    const base = `/author/${user.username}/`;
    const name = user.display_name || user.username;
    const feed = escapeHtml(encodeURI(base + 'feed/'));
    return { base, heading: `Posts by ${name}`, filter: { authorId: user.id }, head: `<link rel="alternate" type="application/rss+xml" title="Posts by ${escapeHtml(name)}" href="${feed}">` };
  });
  const listings: [string, typeof byDate][] = [
    [`/${YEAR_PARAM}`, byDate],
    [`/${YEAR_PARAM}/${MONTH_PARAM}`, byDate],
    [`/${YEAR_PARAM}/${MONTH_PARAM}/${DAY_PARAM}`, byDate],
    ['/author/:author', byAuthor],
  ];
  for (const [route, handler] of listings) {
    app.get(route, addSlash);
    app.get(`${route}/`, SHARED_PAGE, handler);
    app.get(`${route}/page/:n`, addSlash);
    app.get(`${route}/page/:n/`, SHARED_PAGE, handler);
  }
}
