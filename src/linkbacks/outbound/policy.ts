// The one outbound policy: whether a link, a "send trackbacks to" URL or an update service is notified. The
// scan (when deliveries are recorded), the send job (just before sending) and the editor's link preview all
// ask outboundVerdict, and read the reasons' texts from here. Pure: the caller looks up the one thing that
// needs the database (which post of ours a link to our own site names) and passes it in.
import type { Post } from '../../db/schema.js';
import { addressPolicy, literalAddress, literalHostReason } from '../../net/address-guard.js';
import { hostInList } from '../../net/hosts.js';
import type { Settings } from '../../settings/definitions.js';

export type SkipReason = 'outbound_off' | 'notify_off' | 'denied' | 'private_address' | 'removed' | 'user' | 'pings_closed' | 'not_a_post' | 'unpublished' | 'private_post' | 'protected_post' | 'imported' | 'restored' | 'no_delete';

export const SKIP_TEXT: Record<SkipReason, string> = {
  outbound_off: 'Outbound notifications are switched off for this site',
  notify_off: 'This post does not notify the blogs it links to',
  denied: 'The host is on the outbound deny list',
  private_address: 'The address is not a public one (private, loopback, link-local or the like), so nothing is sent there',
  removed: 'The link was removed before it was sent',
  user: 'Skipped by hand',
  pings_closed: 'That post of ours does not accept pings',
  not_a_post: 'A link to this site that is not one of our published posts',
  unpublished: 'The post is no longer published',
  private_post: 'The post is private: a private post notifies no one, so its address stays unknown to other sites',
  protected_post: 'The post is password-protected: it notifies no one, as its content is only for readers with the password',
  imported: 'Imported from WordPress with this link already in it: the old blog notified it when it was published, so nothing is sent again',
  restored: 'The post was taken out of the trash before the delete notice went out, so there is nothing to withdraw',
  no_delete: 'Told by Pingback or TrackBack, which have no way to withdraw a ping: that blog is not told of the delete (its periodic re-check may find the 410)',
};

/** Skips that the next scan re-checks, since the policy may have changed (the author's own "skip" is not one). */
export const POLICY_SKIPS: ReadonlySet<string> = new Set<SkipReason>(['outbound_off', 'notify_off', 'denied', 'private_address', 'removed', 'private_post', 'protected_post']);

export type OutboundVerdict =
  /** `addressCheckedWhenSent`: a DNS name; only the address actually dialled can tell whether it is public. */
  | { kind: 'send'; addressCheckedWhenSent: boolean }
  | { kind: 'internal'; postId: number }
  | { kind: 'skip'; reason: SkipReason };

export interface OutboundQuestion {
  /** A link in the post, a "send trackbacks to" URL, an update service, or a delete notice to a link's target. */
  target: 'link' | 'trackback' | 'service' | 'delete';
  url: string;
  post: Pick<Post, 'id' | 'status' | 'notify_links' | 'password'> | undefined;
  settings: Pick<Settings, 'outbound_enabled' | 'outbound_deny_hosts' | 'internal_pingbacks'>;
  /** OUTBOUND_ALLOW_PRIVATE: the HTTP client's guard is off. */
  allowPrivate: boolean;
  /** The preview runs on drafts too: not being published yet is no reason to skip there. */
  draft?: boolean;
  /** A link to our own site (see linksToOwnSite): the published post of ours it names, or null for none. */
  ownPost?: Pick<Post, 'id' | 'ping_status'> | null;
  /** The send job: the delivery as recorded, for a link removed from the post since. */
  recorded?: { present: number; protocol: string | null };
}

const skip = (reason: SkipReason): OutboundVerdict => ({ kind: 'skip', reason });

/** Whether the caller must look up which of our posts `url` names (internal pingbacks, wordpress-behaviour §1.10). */
export function linksToOwnSite(url: string, site: string, settings: Pick<Settings, 'internal_pingbacks'>): boolean {
  return settings.internal_pingbacks && new URL(url).origin === new URL(site).origin;
}

/**
 * In order: the post is public (private and password-protected posts send nothing at all: no links, no
 * trackbacks, no update-service pings, issue 13), the post is published, the staging switch, the post's own flag (links only), the deny list, a
 * link removed before anyone heard of it (a sent Webmention's removal still needs a word, WM §3.1.4), our
 * own posts, and last the address, with the guard the HTTP client applies to IP literals.
 */
export function outboundVerdict(q: OutboundQuestion): OutboundVerdict {
  if (q.target === 'delete') return deleteVerdict(q);
  if (q.post?.status === 'private') return skip('private_post');
  if (q.post && q.post.password !== '') return skip('protected_post');
  if (!q.post || (q.post.status !== 'published' && !q.draft)) return skip('unpublished');
  if (!q.settings.outbound_enabled) return skip('outbound_off');
  if (q.target === 'link' && !q.post.notify_links) return skip('notify_off');
  const url = new URL(q.url);
  if (hostInList(url.hostname, q.settings.outbound_deny_hosts)) return skip('denied');
  if (q.target === 'link' && q.recorded && q.recorded.present === 0 && q.recorded.protocol !== 'webmention') return skip('removed');
  if (q.target === 'link' && q.ownPost !== undefined) {
    if (!q.ownPost || q.ownPost.id === q.post.id) return skip('not_a_post');
    if (q.ownPost.ping_status !== 'open') return skip('pings_closed');
    return { kind: 'internal', postId: q.ownPost.id };
  }
  if (literalHostReason(url, addressPolicy(q.allowPrivate))) return skip('private_address');
  return { kind: 'send', addressCheckedWhenSent: !q.allowPrivate && literalAddress(url.hostname) === null };
}

/**
 * A delete notice (WM §3.1.5) goes only while the post is in the trash (restored meanwhile: nothing to withdraw),
 * and under the same site-wide rules as the Webmention it withdraws: the staging switch, the post's own flag,
 * the deny list and the address guard. The post's visibility is not asked again: only a published post ever
 * sent the Webmention being withdrawn (delete-notice.ts).
 */
function deleteVerdict(q: OutboundQuestion): OutboundVerdict {
  if (!q.post || q.post.status !== 'trash') return skip('restored');
  if (!q.settings.outbound_enabled) return skip('outbound_off');
  if (!q.post.notify_links) return skip('notify_off');
  const url = new URL(q.url);
  if (hostInList(url.hostname, q.settings.outbound_deny_hosts)) return skip('denied');
  if (literalHostReason(url, addressPolicy(q.allowPrivate))) return skip('private_address');
  return { kind: 'send', addressCheckedWhenSent: !q.allowPrivate && literalAddress(url.hostname) === null };
}

/** The editor's preview line for a verdict. */
export function verdictText(v: OutboundVerdict): string {
  if (v.kind === 'internal') return 'Our own post: recorded as an internal pingback';
  if (v.kind === 'skip') return `Not notified: ${SKIP_TEXT[v.reason]}`;
  const how = 'Will be notified (Webmention, Pingback or TrackBack, as it advertises)';
  // A name may resolve to a private address; the guard judges the address dialled, so no promise here.
  return v.addressCheckedWhenSent ? `${how} if its address is a public one: checked when sent` : how;
}
