// Attachments from a local copy of wp-content/uploads (issue 17 point 1): each file goes through the media
// service like any upload (typed by its content, re-encoded without metadata, sizes made by the usual job),
// keeps its title, alt text and caption, and is remembered so a second import finds it. Nothing is fetched
// from the old site here.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import { publicUrl } from '../media/markup.js';
import { findMedia, updateMediaText } from '../media/repository.js';
import { receiveUpload, uploadLimit } from '../media/service.js';
import type { MediaStorage } from '../media/storage.js';
import { mappedId, recordMapping } from './repository.js';
import { skip, type ImportReport } from './report.js';
import type { AttachmentInfo } from './scan-pass.js';

export interface ImportedMedia {
  /** WordPress attachment id → media id. */
  byWpId: Map<number, number>;
  /** Relative upload path ("2025/03/harbour-boats.png") → the new public URL. */
  urlByFile: Map<string, string>;
  /** WordPress attachment id → the new public URL. */
  urlByWpId: Map<number, string>;
}

/** The file inside `root` at `relative`, or null when it would leave the folder ("../", an absolute path). */
export function fileInside(root: string, relative: string): string | null {
  const base = resolve(root);
  const full = resolve(base, relative.replace(/^\/+/, ''));
  return full.startsWith(base + sep) ? full : null;
}

export async function importAttachments(ctx: AppContext, storage: MediaStorage, source: string, attachments: AttachmentInfo[], uploadsDir: string | null, owner: (login: string) => User, report: ImportReport, progress: () => Promise<void>): Promise<ImportedMedia> {
  const out: ImportedMedia = { byWpId: new Map(), urlByFile: new Map(), urlByWpId: new Map() };
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
    if (!uploadsDir) {
      skip(report, what, 'no uploads folder was given (--uploads DIR, or the zip in the admin): its URL still points at the old site');
      continue;
    }
    const path = a.file ? fileInside(uploadsDir, a.file) : null;
    if (!path || !(await stat(path).then((s) => s.isFile(), () => false))) {
      skip(report, what, 'the file is not in the uploads folder given');
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
