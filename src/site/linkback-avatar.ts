// The picture beside a linkback's author (issue 19): our own copy of their photo once the job fetched it
// (/avatars/…, served from this origin), else a face drawn here from a keyed hash of their URL or name. The
// author's photo URL itself is never put in a page: no reader's browser asks a third party.
import type { AppContext } from '../context.js';
import { avatarFor } from '../comments/avatar.js';
import { localPhotoPath } from '../comments/author-photo-repository.js';

export interface LinkbackAvatar {
  src: string;
  /** "… 1x, … 2x" for a fetched photo; '' for a drawn face (an SVG is sharp at any density). */
  srcset: string;
}

/** `fetched`: photo URL → hash of the photos fetched, from fetchedPhotos() for the whole page. */
export function linkbackAvatar(ctx: AppContext, fetched: Map<string, string>, who: { photo: string | null; authorUrl: string | null; name: string }): LinkbackAvatar {
  const hash = who.photo ? fetched.get(who.photo) : undefined;
  if (hash) return { src: localPhotoPath(hash, 64), srcset: `${localPhotoPath(hash, 64)} 1x, ${localPhotoPath(hash, 128)} 2x` };
  return { src: avatarFor(ctx.config.sessionSecret, { email: '', name: who.authorUrl || who.name }, false).src, srcset: '' };
}
