// The shared synchronous checks every inbound linkback passes before anything is fetched, in order: client
// rate limit, URLs (WM §3.2.1), source ≠ target, target is one of our published posts, pings open, source
// host not blocked, source host rate limit, duplicate (same post + same source).
import type { AppContext } from '../../context.js';
import type { Comment, Post } from '../../db/schema.js';
import { loadSettings } from '../../settings/settings.js';
import { siteUrl as siteUrlOf } from '../../settings/site-url.js';
import type { Settings } from '../../settings/definitions.js';
import { limitsFor } from './limits.js';
import { pingsOpen } from './pings-open.js';
import { refusal, type LinkbackRequest, type Refusal } from './request.js';
import { findLinkback } from './repository.js';
import { resolveTarget } from './target.js';
import { hostInList, hostOf } from '../../net/hosts.js';
import { parseHttpUrl, sameResource } from './urls.js';

export interface Checked {
  post: Post;
  source: string;
  target: string;
  sourceHost: string;
  siteUrl: string;
  settings: Settings;
  /** The linkback already stored for this post and source, if any (Webmention updates it). */
  existing: Comment | undefined;
}

export type CheckResult = { ok: true; checked: Checked } | { ok: false; refusal: Refusal };

/** `countLimits: false` re-checks a request already counted (the Webmention job, before storing). */
export async function checkRequest(ctx: AppContext, req: LinkbackRequest, opts: { countLimits: boolean } = { countLimits: true }): Promise<CheckResult> {
  const fail = (r: Refusal): CheckResult => ({ ok: false, refusal: r });
  const limits = limitsFor(ctx);
  if (opts.countLimits && !limits.allowIp(req.ip)) return fail(refusal('rate_limited', 'Too many linkbacks from your address; try again in a minute.'));
  const source = parseHttpUrl(req.source);
  if (!source) return fail(refusal('bad_source', 'The source must be an absolute http or https URL.'));
  const target = parseHttpUrl(req.target);
  if (!target) return fail(refusal('bad_target', 'The target must be an absolute http or https URL.'));
  if (sameResource(source.href, target.href)) return fail(refusal('same', 'The source and the target are the same page.'));

  const settings = await loadSettings(ctx.db);
  const siteUrl = siteUrlOf(ctx.config, settings);
  const mapped = await resolveTarget(ctx.db, target, siteUrl);
  if (!mapped.ok) return fail(refusal(mapped.why, mapped.message));
  const post = mapped.post;
  const sourcePost = await resolveTarget(ctx.db, source, siteUrl);
  if (sourcePost.ok && sourcePost.post.id === post.id) return fail(refusal('same', 'The source and the target are the same post.'));
  if (!pingsOpen(post, settings, ctx.clock.now())) return fail(refusal('closed', 'This post does not take linkbacks.'));

  const sourceHost = hostOf(source.href)!;
  if (hostInList(sourceHost, settings.blocked_source_hosts)) return fail(refusal('blocked', 'Linkbacks from this site are not accepted.'));
  if (opts.countLimits && !limits.allowSourceHost(sourceHost)) return fail(refusal('rate_limited', 'Too many linkbacks from this source site; try again in a minute.'));

  const existing = await findLinkback(ctx.db, post.id, source.href, req.source.trim());
  if (existing && req.protocol !== 'webmention') return fail(refusal('duplicate', 'A linkback from this source is already registered for this post.'));
  return { ok: true, checked: { post, source: req.source.trim(), target: req.target.trim(), sourceHost, siteUrl, settings, existing } };
}
