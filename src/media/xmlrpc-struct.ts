// A media item as WordPress's XML-RPC server prepares it (_prepare_media_item in class-wp-xmlrpc-server.php,
// WordPress 6): attachment_id as a string, date_created_gmt, parent, link, title, caption, description,
// metadata (width, height, file, filesize, sizes), type and a thumbnail URL; absolute URLs from the site URL.
import type { Executor } from '../db/database.js';
import type { Media, MediaFile } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { loadSettings } from '../settings/repository.js';
import { publicUrl, thumbnailUrl } from './markup.js';
import { filesOf, mediaByIds } from './repository.js';

export type MediaStruct = Record<string, unknown>;

function metadata(media: Media, files: MediaFile[]): MediaStruct {
  const sizes: MediaStruct = {};
  for (const f of files) {
    if (f.variant === 'original') continue;
    sizes[f.variant] = { file: f.path.split('/').pop(), width: f.width ?? 0, height: f.height ?? 0, 'mime-type': f.mime, filesize: f.bytes };
  }
  const base = { file: media.path, filesize: media.bytes };
  return media.width !== null ? { width: media.width, height: media.height, ...base, sizes, image_meta: {} } : base;
}

export function mediaStruct(media: Media, files: MediaFile[], siteUrl: string, settings: Settings): MediaStruct {
  const link = siteUrl + publicUrl(media.path);
  return {
    attachment_id: String(media.id),
    date_created_gmt: new Date(media.created_at),
    parent: media.parent_id ?? 0,
    link,
    title: media.title,
    caption: media.caption,
    description: '',
    metadata: metadata(media, files),
    type: media.mime,
    thumbnail: siteUrl + thumbnailUrl(media, settings),
  };
}

/** The structs of several items at once (one query for their files, bounded by the ids given). */
export async function mediaStructs(db: Executor, items: Media[], siteUrl: string): Promise<Map<number, MediaStruct>> {
  const [files, settings] = await Promise.all([filesOf(db, items.map((m) => m.id)), loadSettings(db)]);
  return new Map(items.map((m) => [m.id, mediaStruct(m, files.get(m.id) ?? [], siteUrl, settings)]));
}

/** wp.getPost's post_thumbnail for each post: the featured image's struct, or an empty array, as WordPress. */
export async function thumbnailsFor(db: Executor, mediaIds: Array<number | null>, siteUrl: string): Promise<Map<number, MediaStruct>> {
  const ids = [...new Set(mediaIds.filter((id): id is number => id !== null))];
  if (ids.length === 0) return new Map();
  const items = await mediaByIds(db, ids);
  return mediaStructs(db, items, siteUrl);
}
