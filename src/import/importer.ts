// The WordPress importer (issue 17 point 1), for the command line and the admin's job alike. Two streaming
// passes over the file: the first reads it all and writes nothing (a bad file is refused whole), the second
// imports item by item, each in its own transaction. Order: authors, terms, attachments (so posts can point
// at their new URLs and featured images), then posts and pages with their comments, then the parents that
// came after their children. Everything is matched on the export's site and WordPress ids, so a second
// import of the same file adds nothing.
import type { Readable } from 'node:stream';
import type { AppContext } from '../context.js';
import type { User } from '../db/schema.js';
import type { MediaStorage } from '../media/storage.js';
import { setMediaParent } from '../media/repository.js';
import { joinPath, parentPath, repathDescendants } from '../posts/page-tree.js';
import { findPostById, setPagePath } from '../posts/repository.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { uploadsPattern } from './content-urls.js';
import { importAuthors, importTerms, type AuthorChoice } from './import-authors-terms.js';
import { queueFetches } from './fetch-attachments.js';
import { importItem, type ItemContext } from './import-item.js';
import { importAttachments } from './import-media.js';
import { mappedId } from './repository.js';
import { emptyReport, note, skip, type ImportReport } from './report.js';
import { scanFile } from './scan-pass.js';
import { readWxr } from './wxr-reader.js';
import { WxrError } from './wxr-records.js';

export interface ImportProgress {
  phase: string;
  done: number;
  total: number;
}

export interface ImportInput {
  /** Opens the file from its start; called once per pass. */
  open: () => Readable;
  fileName: string;
  /** A local copy of wp-content/uploads, or null. */
  uploadsDir: string | null;
  /** Who imports: owner of anything whose author is not in the file. */
  actor: User;
  /** "Download attachments from the old site": those not found locally are fetched by jobs afterwards. */
  fetchAttachments?: boolean;
  /** The admin's run, which the fetches are counted under; null from the command line. */
  runId?: number | null;
  /** The administrator's choice per author login; the others are matched automatically. */
  authorChoices?: ReadonlyMap<string, AuthorChoice>;
  onProgress?: (p: ImportProgress) => Promise<void> | void;
}

/** The export's site, as the import map knows it: scheme, host and path, no trailing slash, lower-case host. */
export function sourceKey(baseSiteUrl: string): string {
  try {
    const u = new URL(baseSiteUrl);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return baseSiteUrl.trim().toLowerCase() || 'unknown';
  }
}

const describe = (error: unknown) => (error instanceof WxrError ? error.message : `The file could not be read: ${(error as Error).message}`);

export async function importWxr(ctx: AppContext, storage: MediaStorage, input: ImportInput): Promise<ImportReport> {
  const report = emptyReport(input.fileName);
  const progress = { phase: 'Reading the file', done: 0, total: 0 };
  const tell = async () => input.onProgress?.({ ...progress });
  await tell();
  let scan;
  try {
    scan = await scanFile(input.open);
  } catch (error) {
    report.error = `${describe(error)} Nothing was imported.`;
    return report;
  }
  report.site = scan.site.baseSiteUrl;
  report.version = scan.site.version;
  const source = sourceKey(scan.site.baseSiteUrl);
  Object.assign(progress, { phase: 'Authors and terms', total: scan.attachments.length + scan.items });
  await tell();

  const authors = await importAuthors(ctx, scan.authors, report, input.authorChoices);
  const unknownCreators = new Set<string>();
  const author = (login: string): User => {
    const user = authors.get(login);
    if (user) return user;
    if (!unknownCreators.has(login)) {
      unknownCreators.add(login);
      note(report, `author "${login.slice(0, 60)}" is not among the file's authors: their items were given to ${input.actor.username}`);
    }
    return input.actor;
  };
  await importTerms(ctx, scan.terms, report);

  progress.phase = 'Attachments';
  const step = async () => {
    progress.done++;
    await tell();
  };
  const siteUrls = [scan.site.baseSiteUrl, scan.site.baseBlogUrl, scan.site.link];
  const fetch = input.fetchAttachments ? { runId: input.runId ?? null, siteUrls } : null;
  const media = await importAttachments(ctx, storage, source, scan.attachments, input.uploadsDir, author, report, step, fetch);

  const settings = await loadSettings(ctx.db);
  const ic: ItemContext = {
    ctx,
    source,
    site: scan.site,
    report,
    author,
    media,
    uploadsPattern: uploadsPattern(siteUrls),
    links: settings,
    siteUrl: siteUrl(ctx.config, settings),
    defaults: { comment: settings.default_comment_status, ping: settings.default_ping_status, notify: settings.default_pingback_flag },
    pendingParents: [],
  };
  progress.phase = 'Posts, pages and comments';
  const otherTypes = new Map<string, number>();
  try {
    for await (const record of readWxr(input.open())) {
      if (record.kind !== 'item' || record.item.postType === 'attachment') continue;
      await step();
      const item = record.item;
      if (item.postType !== 'post' && item.postType !== 'page') {
        otherTypes.set(item.postType, (otherTypes.get(item.postType) ?? 0) + 1);
        continue;
      }
      try {
        await importItem(ic, item);
      } catch (error) {
        ctx.log.error({ err: (error as Error).message, wpId: item.postId }, 'import: item failed');
        skip(report, `${item.postType} ${item.postId} "${item.title.slice(0, 80)}"`, `not imported (nothing of it was written): ${(error as Error).message.slice(0, 300)}`);
      }
    }
  } catch (error) {
    report.error = `${describe(error)} The file changed while it was being imported: what is counted below was imported; run the import again with a complete file to add the rest.`;
  }
  for (const [type, n] of otherTypes) skip(report, `${n} item(s) of type "${type.slice(0, 60)}"`, 'Backtalk imports posts, pages and attachments only');

  progress.phase = 'Finishing';
  await tell();
  await settleParents(ic);
  for (const a of scan.attachments) {
    const mediaId = media.byWpId.get(a.postId);
    const postId = a.parent > 0 ? await mappedId(ctx.db, source, 'post', a.parent) : undefined;
    if (mediaId && postId) await setMediaParent(ctx.db, mediaId, postId);
  }
  // Only now, with every post in and its links to them recorded, may the files arrive.
  await queueFetches(ctx, media.toQueue);
  report.ok = report.error === null;
  ctx.wakeWorker();
  progress.phase = 'Done';
  await tell();
  return report;
}

/** Pages that came before their parent in the file: given their parent and whole path now. */
async function settleParents(ic: ItemContext): Promise<void> {
  for (const p of ic.pendingParents) {
    const parentId = await mappedId(ic.ctx.db, ic.source, 'post', p.wpParent);
    const page = await findPostById(ic.ctx.db, p.postId);
    if (!page) continue;
    if (!parentId) {
      note(ic.report, `page "${page.title.slice(0, 60)}": its parent (${p.wpParent}) is not in the file, so it is a top-level page`);
      continue;
    }
    await ic.ctx.transaction(async (trx) => {
      const parent = await parentPath(trx, page.id, parentId);
      if (!parent.ok) return note(ic.report, `page "${page.title.slice(0, 60)}": ${parent.error}`);
      const path = joinPath(parent.path, page.slug);
      await setPagePath(trx, page.id, { page_path: path, parent_id: parentId });
      await repathDescendants(trx, page.id, path);
    });
  }
}
