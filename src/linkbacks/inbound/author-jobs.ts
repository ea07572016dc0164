// The two jobs behind linkback authors (issue 19): reading an author page when the entry named its author by
// URL only (author-page.ts), and fetching a photo (author-photo.ts). Queued after a linkback is stored or
// re-verified, never while the sender waits. The photo job is keyed by the photo's URL: however many linkbacks
// name one photo, it is queued once at a time and fetched once (a fetched row is never fetched again).
import type { AppContext } from '../../context.js';
import { findAuthorPhoto, photoHash } from '../../comments/author-photo-repository.js';
import { enqueue } from '../../jobs/queue.js';
import { selectStorage } from '../../media/select-storage.js';
import { hostOf } from '../../net/hosts.js';
import { readAuthorPage } from './author-page.js';
import { fetchAuthorPhoto } from './author-photo.js';
import type { Semantic } from './mf2.js';

export const AUTHOR_PAGE_JOB = 'linkbacks.author-page';
export const AUTHOR_PHOTO_JOB = 'linkbacks.author-photo';

/** After a linkback's mf2 was stored: its author's page or photo, whichever it needs. */
export async function queueAuthorWork(ctx: AppContext, commentId: number, semantic: Semantic | null | undefined): Promise<void> {
  const author = semantic?.author;
  if (!author) return;
  if (author.urlOnly && author.url) {
    await enqueue(ctx.db, ctx.clock, { type: AUTHOR_PAGE_JOB, payload: { commentId, authorUrl: author.url }, host: hostOf(author.url), dedupeKey: `${AUTHOR_PAGE_JOB}:${commentId}`, maxAttempts: 2 });
    ctx.wakeWorker();
  } else if (author.photo) {
    await queueAuthorPhoto(ctx, author.photo);
  }
}

export async function queueAuthorPhoto(ctx: AppContext, url: string): Promise<void> {
  const hash = photoHash(url);
  // Fetched once, or tried once and failed: either way the page knows what to show.
  if (await findAuthorPhoto(ctx.db, hash)) return;
  // Two attempts only so a worker killed mid-fetch is taken over; a failed fetch is recorded, not retried.
  await enqueue(ctx.db, ctx.clock, { type: AUTHOR_PHOTO_JOB, payload: { url }, host: hostOf(url), dedupeKey: `${AUTHOR_PHOTO_JOB}:${hash}`, maxAttempts: 2 });
  ctx.wakeWorker();
}

export function registerAuthorJobs(ctx: AppContext): void {
  const storage = selectStorage(ctx);
  ctx.handlers.set(AUTHOR_PAGE_JOB, async (payload: { commentId: number; authorUrl: string }) => {
    const photo = await readAuthorPage(ctx, Number(payload.commentId), String(payload.authorUrl));
    if (photo) await queueAuthorPhoto(ctx, photo);
  });
  ctx.handlers.set(AUTHOR_PHOTO_JOB, async (payload: { url: string }) => {
    await fetchAuthorPhoto(ctx, storage, String(payload.url));
  });
}
