// The first of the importer's two passes over the file: read it whole (streaming) before writing anything,
// so a truncated, malformed or non-WXR file is refused with nothing half-imported, and collect the small
// things the second pass needs first: the site, the authors, the terms, the attachments, and how many items
// there are (the progress bar's total).
import type { Readable } from 'node:stream';
import { readWxr } from './wxr-reader.js';
import { metaValue, type WxrAuthor, type WxrItem, type WxrSite, type WxrTerm } from './wxr-records.js';

export interface AttachmentInfo {
  postId: number;
  title: string;
  creator: string;
  url: string;
  /** _wp_attached_file: the path below wp-content/uploads ("2025/03/harbour-boats.png"). */
  file: string;
  alt: string;
  caption: string;
  parent: number;
}

export interface ScanResult {
  site: WxrSite;
  authors: WxrAuthor[];
  terms: WxrTerm[];
  attachments: AttachmentInfo[];
  /** Items other than attachments: posts, pages and anything else, each one step of the progress bar. */
  items: number;
}

export function attachmentInfo(item: WxrItem): AttachmentInfo {
  const url = item.attachmentUrl || item.guid;
  const file = metaValue(item, '_wp_attached_file') ?? (/\/wp-content\/uploads\/(.+)$/.exec(url)?.[1] ?? '');
  return { postId: item.postId, title: item.title, creator: item.creator, url, file, alt: metaValue(item, '_wp_attachment_image_alt') ?? '', caption: item.excerpt, parent: item.postParent };
}

export async function scanFile(open: () => Readable, onBytes?: (n: number) => void): Promise<ScanResult> {
  let site: WxrSite | null = null;
  const out: Omit<ScanResult, 'site'> = { authors: [], terms: [], attachments: [], items: 0 };
  for await (const record of readWxr(open(), onBytes)) {
    if (record.kind === 'site') site = record.site;
    else if (record.kind === 'author') out.authors.push(record.author);
    else if (record.kind === 'term') out.terms.push(record.term);
    else if (record.item.postType === 'attachment') out.attachments.push(attachmentInfo(record.item));
    else out.items++;
  }
  return { site: site!, ...out };
}
