// Gravatar's address for an e-mail, in one place: readers' comment avatars (comments/avatar.ts) and a post
// author's h-card photo (posts/post-mf2.ts) use it only when the admin turned use_gravatar on.
import { createHash } from 'node:crypto';

/** Gravatar accepts the SHA-256 of the trimmed, lower-cased address; d=identicon when it has no picture. Null without an address. */
export function gravatarUrl(email: string): string | null {
  const e = email.trim().toLowerCase();
  return e ? `https://gravatar.com/avatar/${createHash('sha256').update(e).digest('hex')}?s=80&d=identicon` : null;
}
