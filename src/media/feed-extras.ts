// What feeds carry from the media library (issue 14 point 6): each post's featured image, and an enclosure
// for every audio or video file of ours its content links to (how WordPress's do_enclose makes podcasts
// work). Bounded: one query for the page's featured images, one for the linked files by primary key.
import type { Executor } from '../db/database.js';
import type { Post } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { candidates } from './markup.js';
import { mediaByIds, originalsAt } from './repository.js';

export interface FeedImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  type: string;
}

export interface FeedEnclosure {
  url: string;
  type: string;
  length: number;
}

export interface FeedMedia {
  image: FeedImage | null;
  enclosures: FeedEnclosure[];
}

const UPLOAD_LINK = /\/uploads\/(\d{4}\/\d{2}\/[a-z0-9][a-z0-9-]*\.[a-z0-9]{2,5})(?=["'\s>?#])/g;
const MAX_ENCLOSURES = 10;

export async function feedMedia(db: Executor, posts: Post[], base: string, settings: Settings): Promise<Map<number, FeedMedia>> {
  const out = new Map<number, FeedMedia>(posts.map((p) => [p.id, { image: null, enclosures: [] }]));
  const featuredIds = [...new Set(posts.map((p) => p.featured_media_id).filter((id): id is number => id !== null))];
  if (featuredIds.length) {
    const images = new Map((await mediaByIds(db, featuredIds, 'image')).map((m) => [m.id, m]));
    for (const post of posts) {
      const media = post.featured_media_id ? images.get(post.featured_media_id) : undefined;
      if (!media) continue;
      const all = candidates(media, settings);
      const shown = all.filter((c) => c.width <= settings.large_size && c.height <= settings.large_size).pop() ?? all[all.length - 1];
      if (shown) out.get(post.id)!.image = { url: base + shown.url, width: shown.width, height: shown.height, alt: media.alt, type: shown.url.endsWith('.webp') ? 'image/webp' : media.mime };
    }
  }
  const linked = new Map<number, string[]>();
  for (const post of posts) linked.set(post.id, [...new Set(Array.from(post.content.matchAll(UPLOAD_LINK), (m) => m[1]!))].slice(0, MAX_ENCLOSURES));
  const paths = [...new Set([...linked.values()].flat())];
  if (paths.length) {
    const files = new Map(
      (await originalsAt(db, paths))
        .filter((f) => /^(audio|video)\//.test(f.mime))
        .map((f) => [f.path, f]),
    );
    for (const [postId, list] of linked) {
      for (const path of list) {
        const f = files.get(path);
        if (f) out.get(postId)!.enclosures.push({ url: `${base}/uploads/${path}`, type: f.mime, length: f.bytes });
      }
    }
  }
  return out;
}
