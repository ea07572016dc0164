// Attachments from a local copy of wp-content/uploads (issue 17 point 1): each file goes through the media
// service like any upload (typed by its content, re-encoded without metadata, sizes made by the usual job),
// keeps its title, alt text and caption, and is remembered so a second import finds it. When the
// administrator chose to, an attachment not found locally is recorded as pending here and fetched from the
// old site later by its own job (fetch-attachments.ts); nothing is fetched here.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { publicUrl } from '../media/markup.js';
import { findMedia, updateMediaText } from '../media/repository.js';
import { receiveUpload, uploadLimit } from '../media/service.js';
import type { MediaStorage } from '../media/storage.js';
import { mappedId, pendingFetch, recordMapping } from './repository.js';
import { skip, type ImportReport } from './report.js';
import type { AttachmentInfo } from './scan-pass.js';

export interface ImportedMedia {
  /** WordPress attachment id → media id. */
  byWpId: Map<number, number>;
  /** Relative upload path ("2025/03/harbour-boats.png") → the new public URL. */
  urlByFile: Map<string, string>;
  /** WordPress attachment id → the new public URL. */
  urlByWpId: Map<number, string>;
  /** Attachments waiting to be fetched from the old site: relative upload path → their fetch's id. */
  pendingByFile: Map<string, number>;
  /** The same by WordPress attachment id, with the old URL (a [gallery] lists it until the file is in). */
  pendingByWpId: Map<number, { fetchId: number; url: string }>;
  /** Fetches whose job is queued once every post is in (so their links are known when the file arrives). */
  toQueue: { fetchId: number; url: string }[];
}

/** "Download attachments from the old site": the run they belong to and the export's site URLs. */
export interface FetchChoice {
  runId: number | null;
  siteUrls: string[];
}

/** The file inside `root` at `relative`, or null when it would leave the folder ("../", an absolute path). */
export function fileInside(root: string, relative: string): string | null {
  const base = resolve(root);
  const full = resolve(base, relative.replace(/^\/+/, ''));
  return full.startsWith(base + sep) ? full : null;
}

export async function importAttachments(ctx: AppContext, storage: MediaStorage, source: string, attachments: AttachmentInfo[], uploadsDir: string | null, owner: (login: string) => User, report: ImportReport, progress: () => Promise<void>, fetch: FetchChoice | null = null): Promise<ImportedMedia> {
  const out: ImportedMedia = { byWpId: new Map(), urlByFile: new Map(), urlByWpId: new Map(), pendingByFile: new Map(), pendingByWpId: new Map(), toQueue: [] };
  const limit = await uploadLimit(ctx);
  for (const a of attachments) {
    await progress();
    const known = await mappedId(ctx.db, source, 'media', a.postId);
    const existing = known ? await findMedia(ctx.db, known) : undefined;
    if (existing) {
      remember(out, a, existing.id, existing.path);
      report.existing.attachments++;
      continue;
    }
    const what = `attachment ${a.postId} "${a.title.slice(0, 80)}" (${a.file || a.url})`;
    const path = uploadsDir && a.file ? fileInside(uploadsDir, a.file) : null;
    if (!path || !(await stat(path).then((s) => s.isFile(), () => false))) {
      if (fetch && /^https?:\/\//i.test(a.url)) {
        await queueLater(ctx, source, a, owner(a.creator), fetch, out);
        report.fetching++;
        continue;
      }
      if (fetch) skip(report, what, 'its address is not an http(s) URL, so it cannot be fetched from the old site');
      else skip(report, what, uploadsDir ? 'the file is not in the uploads folder given' : 'no uploads folder was given (--uploads DIR, or the zip in the admin): its URL still points at the old site');
      continue;
    }
    const stored = await receiveUpload(ctx, storage, owner(a.creator), { stream: createReadStream(path), filename: a.file.split('/').pop()!, truncated: () => false }, limit, { title: a.title || undefined });
    if (!stored.ok) {
      skip(report, what, stored.message);
      continue;
    }
    if (a.alt || a.caption) await updateMediaText(ctx.db, stored.media.id, { title: stored.media.title, alt: a.alt.slice(0, 1000), caption: a.caption.slice(0, 5000) }, ctx.clock.now().toISOString());
    await recordMapping(ctx.db, source, 'media', a.postId, stored.media.id);
    remember(out, a, stored.media.id, stored.media.path);
    report.created.attachments++;
  }
  return out;
}

function remember(out: ImportedMedia, a: AttachmentInfo, id: number, key: string): void {
  out.byWpId.set(a.postId, id);
  out.urlByWpId.set(a.postId, publicUrl(key));
  if (a.file) out.urlByFile.set(a.file, publicUrl(key));
}

async function queueLater(ctx: AppContext, source: string, a: AttachmentInfo, owner: User, fetch: FetchChoice, out: ImportedMedia): Promise<void> {
  const row = {
    source,
    wp_id: a.postId,
    run_id: fetch.runId,
    url: a.url.slice(0, 2000),
    file: (a.file || (/\/wp-content\/uploads\/([^?#]+)/.exec(a.url)?.[1] ?? '')).slice(0, 1000),
    title: a.title.slice(0, 1000),
    alt: a.alt.slice(0, 1000),
    caption: a.caption.slice(0, 5000),
    owner_id: owner.id,
    wp_parent: a.parent,
    site_urls: JSON.stringify(fetch.siteUrls),
  };
  const pending = await pendingFetch(ctx.db, row, ctx.clock.now().toISOString());
  if (row.file) out.pendingByFile.set(row.file, pending.id);
  out.pendingByWpId.set(a.postId, { fetchId: pending.id, url: a.url });
  if (pending.queue) out.toQueue.push({ fetchId: pending.id, url: a.url });
}
