// Renders a listing of published posts (home, the posts page of a static front page, date and author
// archives) with its pagination links, archive list and pages menu. Page N of a listing at `base` lives at
// `${base}page/N/`, as WordPress paginates.
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { loadSettings } from '../settings/repository.js';
import { archiveLinks, listingPage, pagesMenu } from './public-service.js';
import type { PublishedFilter } from './repository.js';
import { readerUnlocks } from './reader-unlock.js';

export interface ListingOptions {
  /** The listing's own address, ending in a slash ("/", "/2026/11/", "/author/ann/"). */
  base: string;
  filter?: PublishedFilter;
  /** The archive's heading ("Posts from November 2026"); empty on the home page. */
  heading?: string;
  /** Extra markup for <head> (an author archive's feed links). */
  head?: string;
}

export async function renderListing(ctx: AppContext, reply: FastifyReply, page: number, opts: ListingOptions): Promise<FastifyReply> {
  const settings = await loadSettings(ctx.db);
  const listing = await listingPage(ctx, settings, page, reply.request.user ?? null, opts.filter, readerUnlocks(ctx, reply.request, settings));
  if (!listing) {
    reply.callNotFound();
    return reply;
  }
  const pageUrl = (n: number) => encodeURI(n === 1 ? opts.base : `${opts.base}page/${n}/`);
  const heading = opts.heading ?? '';
  return reply.page('public/index', {
    title: [heading, page > 1 ? `Page ${page}` : ''].filter(Boolean).join(' – '),
    heading,
    head: opts.head ?? '',
    listing,
    archives: await archiveLinks(ctx),
    menu: await pagesMenu(ctx, settings),
    newer: page > 1 ? pageUrl(page - 1) : null,
    older: page < listing.totalPages ? pageUrl(page + 1) : null,
  });
}

/** A page number as a path segment: 1..999999, or null. */
export function pageNumber(raw: string): number | null {
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}
