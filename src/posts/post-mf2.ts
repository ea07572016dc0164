// What our own pages say in microformats2 (issue 19 point 4), pure: the responses a post makes (in-reply-to,
// like-of, repost-of, https://indieweb.org/reply, /like, /repost) and its author's h-card, so that another
// site's parser (post-type discovery, https://www.w3.org/TR/post-type-discovery/ §4, and the authorship
// algorithm, https://indieweb.org/authorship-spec) reads a reply as a reply and knows who wrote it.
import type { Post, User } from '../db/schema.js';
import { gravatarUrl } from '../users/gravatar.js';

export type ResponseKind = 'reply' | 'like' | 'repost';

export interface PostResponse {
  kind: ResponseKind;
  /** The mf2 property class: u-in-reply-to, u-like-of or u-repost-of. */
  property: string;
  /** The words before the link: "In reply to", "Like of", "Repost of". */
  label: string;
  url: string;
  /** The address as readers see it: host and path, long ones cut. */
  text: string;
}

const RESPONSES: { kind: ResponseKind; column: 'in_reply_to' | 'like_of' | 'repost_of'; property: string; label: string }[] = [
  { kind: 'reply', column: 'in_reply_to', property: 'u-in-reply-to', label: 'In reply to' },
  { kind: 'like', column: 'like_of', property: 'u-like-of', label: 'Like of' },
  { kind: 'repost', column: 'repost_of', property: 'u-repost-of', label: 'Repost of' },
];

const SHORT_MAX = 60;

/** The post's responses in PTD's order (reply, like, repost); none for a post that answers nothing. */
export function postResponses(post: Pick<Post, 'in_reply_to' | 'like_of' | 'repost_of'>): PostResponse[] {
  return RESPONSES.flatMap((r) => {
    const url = httpUrl(post[r.column] ?? '');
    return url ? [{ kind: r.kind, property: r.property, label: r.label, url, text: shortUrl(url) }] : [];
  });
}

/** Every response URL of a post, for the outbound scan: each is a target as a link in the content is. */
export function responseUrls(post: Pick<Post, 'in_reply_to' | 'like_of' | 'repost_of'>): string[] {
  return postResponses(post).map((r) => r.url);
}

/** "example.com/2026/a-post" for https://www.example.com/2026/a-post/: what a reader needs to know where it goes. */
export function shortUrl(url: string): string {
  const u = new URL(url);
  const text = `${u.hostname.replace(/^www\./, '')}${u.pathname === '/' ? '' : u.pathname.replace(/\/+$/, '')}${u.search}`;
  return text.length > SHORT_MAX ? `${text.slice(0, SHORT_MAX - 1)}…` : text;
}

export interface AuthorCard {
  name: string;
  /** The author's website when they gave one, else their archive on this blog (absolute). */
  url: string;
  /** Only a picture other sites may fetch (Gravatar when the site uses it); the inline identicon is no address. */
  photo: string | null;
}

/** `useGravatar`: the site's use_gravatar setting; without it the author has no picture another site could fetch. */
export function authorCard(user: Pick<User, 'username' | 'display_name' | 'website' | 'email'>, site: string, useGravatar: boolean): AuthorCard {
  return {
    name: user.display_name || user.username,
    url: httpUrl(user.website) ?? `${site}/author/${encodeURIComponent(user.username)}/`,
    photo: useGravatar ? gravatarUrl(user.email) : null,
  };
}

function httpUrl(v: string): string | null {
  // Most posts answer nothing and most authors give no website: settle those without a URL parse that throws
  // (an exception per empty field was a tenth of an uncached listing's time).
  if (!/^\s*https?:/i.test(v)) return null;
  try {
    const u = new URL(v.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
