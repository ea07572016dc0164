// The facepile under a post (issue 19 point 2): likes, reposts and bookmarks from other sites as faces with
// counts ("12 likes, 3 reposts"). Each face links to the reaction's own page (a Bridgy like's
// #favorited-by-N, not only the person's home). A face is our own copy of the author's photo once the job
// fetched it, else drawn here (linkback-avatar.ts): never hot-linked, so no reader's browser asks a third party.
import type { AppContext } from '../context.js';
import { fetchedPhotos } from '../comments/author-photo-repository.js';
import { linkbackAvatar } from './linkback-avatar.js';
import { reactionCounts, reactionFaces, type ReactionRow, type ReactionType } from '../comments/reaction-repository.js';

export interface Face {
  name: string;
  href: string;
  avatar: string;
  avatarSrcset: string;
}

export interface ReactionGroup {
  type: ReactionType;
  count: number;
  /** "3 likes", "1 repost". */
  label: string;
  /** What each face did, for its title: "liked this". */
  verb: string;
  faces: Face[];
}

export interface Reactions {
  /** "12 likes, 3 reposts", '' when there are none. */
  summary: string;
  groups: ReactionGroup[];
}

const NOUNS: Record<ReactionType, [string, string, string]> = {
  like: ['like', 'likes', 'liked this'],
  repost: ['repost', 'reposts', 'reposted this'],
  bookmark: ['bookmark', 'bookmarks', 'bookmarked this'],
};

export async function reactionsOf(ctx: AppContext, postId: number): Promise<Reactions> {
  const counts = await reactionCounts(ctx.db, postId);
  const types = (Object.keys(NOUNS) as ReactionType[]).filter((type) => counts[type] > 0);
  const faces = await Promise.all(types.map((type) => reactionFaces(ctx.db, postId, type)));
  const photos = await fetchedPhotos(ctx.db, faces.flat().map((r) => r.mention_author_photo));
  const groups = types.map((type, i) => {
    const [one, many, verb] = NOUNS[type];
    const count = counts[type];
    return { type, count, label: `${count} ${count === 1 ? one : many}`, verb, faces: faces[i].map((r) => faceOf(ctx, photos, r)) };
  });
  return { summary: groups.map((g) => g.label).join(', '), groups };
}

function faceOf(ctx: AppContext, photos: Map<string, string>, r: ReactionRow): Face {
  const name = r.mention_author_name || r.author_name || 'Someone';
  const page = [r.mention_url, r.source_url].find((u) => u && /^https?:\/\//i.test(u)) ?? '';
  const avatar = linkbackAvatar(ctx, photos, { photo: r.mention_author_photo, authorUrl: r.mention_author_url, name });
  return { name, href: page, avatar: avatar.src, avatarSrcset: avatar.srcset };
}
