// "Download attachments from the old site" (issue 17 point 1): each attachment the import did not find locally
// is fetched from its wp:attachment_url by its own durable job, through the guarded outbound client (SSRF
// guard, timeouts, byte cap). The job carries the URL's host, so the queue's per-host limit (WORKER_PER_HOST,
// counted across processes) spaces these requests out exactly as it does outbound deliveries. This is not
// linkback traffic: nothing but the file itself is requested. The file goes through the media service like
// an upload (typed by content, re-encoded, sizes made by the usual job); then the posts that link to it are
// rewritten with the same rewrite the uploads-folder path uses, and those that feature it get it.
import { Readable } from 'node:stream';
import type { AppContext } from '../context.js';
import type { PostUpdate } from '../db/schema.js';
import { parseRetryAfter } from '../jobs/backoff.js';
import { PermanentFailure, RetryLater } from '../jobs/errors.js';
import { enqueue } from '../jobs/queue.js';
import type { JobHandler } from '../jobs/worker.js';
import { publicUrl } from '../media/markup.js';
import { findMedia, setMediaParent, updateMediaText } from '../media/repository.js';
import { selectStorage } from '../media/select-storage.js';
import { megabytes, receiveUpload, uploadLimit } from '../media/service.js';
import { HttpError, type HttpResult } from '../net/types.js';
import { findPostById, lockPost, updatePostRow } from '../posts/repository.js';
import { findUserById, listUsersPage } from '../users/repository.js';
import { rewriteUploadUrls, uploadsPattern } from './content-urls.js';
import { fetchUses, findFetch, mappedId, recordMapping, updateFetch, type FetchRow } from './repository.js';

export const FETCH_JOB = 'import.fetch-attachment';
/** Attempts before a fetch is given up (the queue's backoff: about 1, 2, 4 and 8 minutes between them). */
export const FETCH_MAX_ATTEMPTS = 5;
/** A slow old host gets longer than a discovery fetch: images can be large. */
const FETCH_TIMEOUT_MS = 60_000;

export async function queueFetches(ctx: AppContext, fetches: { fetchId: number; url: string }[]): Promise<void> {
  for (const f of fetches) {
    await enqueue(ctx.db, ctx.clock, { type: FETCH_JOB, payload: { fetchId: f.fetchId }, host: hostKey(f.url), dedupeKey: `import-fetch:${f.fetchId}`, maxAttempts: FETCH_MAX_ATTEMPTS });
  }
  if (fetches.length) ctx.wakeWorker();
}

/** The per-host key, as outbound deliveries write it (linkbacks/outbound/scan.ts, queueSend). */
function hostKey(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

export function registerFetchJobs(ctx: AppContext): void {
  const handler: JobHandler = async (payload: { fetchId: number }, job) => {
    try {
      await fetchAttachment(ctx, payload.fetchId);
    } catch (error) {
      const message = (error as Error).message;
      const final = error instanceof PermanentFailure || job.job.attempts >= job.job.max_attempts;
      const words = final ? message : `${message} (attempt ${job.job.attempts} of ${job.job.max_attempts}; tried again later)`;
      await updateFetch(ctx.db, payload.fetchId, final ? { state: 'failed', error: words } : { error: words }, ctx.clock.now().toISOString());
      throw error;
    }
  };
  handler.onGiveUp = async (payload: { fetchId: number }, _job, reason) => updateFetch(ctx.db, payload.fetchId, { state: 'failed', error: `Given up: ${reason}` }, ctx.clock.now().toISOString());
  ctx.handlers.set(FETCH_JOB, handler);
}

export async function fetchAttachment(ctx: AppContext, fetchId: number): Promise<void> {
  const row = await findFetch(ctx.db, fetchId);
  if (!row || row.state !== 'pending') return;
  // Imported meanwhile (a later import with the uploads folder, or a run of this job that stopped after storing it).
  const known = await mappedId(ctx.db, row.source, 'media', row.wp_id);
  const existing = known ? await findMedia(ctx.db, known) : undefined;
  if (existing) return settle(ctx, row, existing.id, existing.path);

  const limit = await uploadLimit(ctx);
  const res = await request(ctx, row.url, limit);
  const owner = (await findUserById(ctx.db, row.owner_id)) ?? (await listUsersPage(ctx.db, { limit: 1, offset: 0, role: 'admin' }))[0];
  if (!owner) throw new PermanentFailure('Nobody to own the file: the importing administrator no longer exists.');
  const name = decodeSafe((row.file || new URL(res.url).pathname).split('/').pop() || 'attachment');
  const stored = await receiveUpload(ctx, selectStorage(ctx), owner, { stream: Readable.from([res.bytes ?? Buffer.alloc(0)]), filename: name, truncated: () => false }, limit, { title: row.title || undefined });
  if (!stored.ok) throw new PermanentFailure(`The file from the old site was not stored: ${stored.message}`);
  if (row.alt || row.caption) await updateMediaText(ctx.db, stored.media.id, { title: stored.media.title, alt: row.alt, caption: row.caption }, ctx.clock.now().toISOString());
  await recordMapping(ctx.db, row.source, 'media', row.wp_id, stored.media.id);
  await settle(ctx, row, stored.media.id, stored.media.path);
}

/** One GET of the file; failures in words, split into those worth retrying (RetryLater) and those not. */
async function request(ctx: AppContext, url: string, limit: number): Promise<HttpResult> {
  let res: HttpResult;
  try {
    res = await ctx.http.request(url, { binary: true, maxBytes: limit, failIfTooLarge: true, timeoutMs: FETCH_TIMEOUT_MS });
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    if (error.kind === 'timeout' || error.kind === 'network') throw new RetryLater(`The old site could not be reached: ${error.message}`);
    if (error.kind === 'too_large') throw new PermanentFailure(`The file is larger than the upload limit of ${megabytes(limit)}.`);
    throw new PermanentFailure(`Not fetched: ${error.message}`);
  }
  if (res.status === 200) return res;
  // Busy or failing servers are asked again later (their Retry-After honoured); "not found" and the like are final.
  if (res.status === 408 || res.status === 429 || res.status >= 500) {
    const after = res.headers['retry-after'];
    throw new RetryLater(`The old site answered ${res.status}.`, parseRetryAfter(Array.isArray(after) ? after[0] : after, ctx.clock.now()));
  }
  throw new PermanentFailure(`The old site answered ${res.status}${res.status === 404 || res.status === 410 ? ': the file is not there any more' : ''}.`);
}

/** The file is in: the posts linking to it point at the new copy, those featuring it get it, it gets its parent. */
async function settle(ctx: AppContext, row: FetchRow, mediaId: number, path: string): Promise<void> {
  const url = publicUrl(path);
  const pattern = uploadsPattern(JSON.parse(row.site_urls) as string[]);
  for (const use of await fetchUses(ctx.db, row.id)) {
    await ctx.transaction(async (trx) => {
      // Two files of one post may arrive at once (WORKER_PER_HOST jobs): each rewrite must see the other's.
      await lockPost(trx, ctx.dialect, use.post_id);
      const post = await findPostById(trx, use.post_id);
      if (!post) return;
      const changes: PostUpdate = {};
      if (use.featured && post.featured_media_id === null) changes.featured_media_id = mediaId;
      // Only this file's links change (rewriteUploadUrls leaves any other as written).
      const content = row.file ? rewriteUploadUrls(post.content, pattern, (relative) => (relative === row.file ? url : undefined)) : post.content;
      if (content !== post.content) Object.assign(changes, { content, password: post.password });
      if (Object.keys(changes).length) await updatePostRow(trx, post.id, changes);
    });
  }
  const parent = row.wp_parent > 0 ? await mappedId(ctx.db, row.source, 'post', row.wp_parent) : undefined;
  if (parent) await setMediaParent(ctx.db, mediaId, parent);
  await updateFetch(ctx.db, row.id, { state: 'fetched', media_id: mediaId, error: null }, ctx.clock.now().toISOString());
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
