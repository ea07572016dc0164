// The one gate every inbound linkback passes, for all three doors: client rate limit, URLs (WM §3.2.1),
// source ≠ target, target is one of our published posts, then the moderation rules that refuse (closed,
// blocked source host, duplicate, flood: comments/rules.ts refusalOf), then the source host's budget. It
// returns the post and settings it read, or a typed refusal that each door turns into its own wire answer
// (answers.ts). It runs at the door and once more just before storing, when the post may have closed or
// the host been blocked meanwhile; that second pass counts no limit and spends no budget again. A request
// admitted at the door holds a slot of its source host's budget until the caller settles it.
import type { AppContext } from '../../context.js';
import type { Comment, Post } from '../../db/schema.js';
import { refusalOf, type CommentCandidate, type RefusalRule } from '../../comments/rules.js';
import { hostOf } from '../../net/hosts.js';
import { loadSettings } from '../../settings/repository.js';
import { siteUrl as siteUrlOf } from '../../settings/site-url.js';
import type { Settings } from '../../settings/definitions.js';
import { limitsFor, type HostReservation } from './limits.js';
import { refusal, type LinkbackRequest, type Refusal } from './request.js';
import { findLinkback } from '../../comments/linkback-repository.js';
import { resolveTarget } from './target.js';
import { parseHttpUrl, sameResource } from './urls.js';

export interface Admitted {
  post: Post;
  source: string;
  target: string;
  sourceHost: string;
  siteUrl: string;
  settings: Settings;
  /** Webmention: the linkback already stored for this post and source, which a repeat updates. */
  existing: Comment | undefined;
  /** At the door: the source host's budget slot this ping holds until the caller settles it (limits.ts). */
  reservation: HostReservation | null;
}

export type GateResult = { ok: true; admitted: Admitted } | { ok: false; refusal: Refusal };

/** The linkback refusal for each rule that refuses; the texts name no list entry, so a spammer learns nothing. */
const FROM_RULE: Record<RefusalRule, Refusal> = {
  not_published: refusal('no_such_post', 'There is no published post at the target URL.'),
  closed: refusal('closed', 'This post does not take linkbacks.'),
  blocked: refusal('blocked', 'Linkbacks from this site are not accepted.'),
  duplicate: refusal('duplicate', 'A linkback from this source is already registered for this post.'),
  flood: refusal('rate_limited', 'Too many linkbacks from this source site; try again in a minute.'),
  // Readers' comments only; a linkback never meets it.
  name_required: refusal('blocked', 'Linkbacks from this site are not accepted.'),
};

export function refusalForRule(rule: RefusalRule): Refusal {
  return FROM_RULE[rule];
}

/** What the rules see of a linkback before its source is fetched. */
export function gateCandidate(req: LinkbackRequest, postId: number, source: string): CommentCandidate {
  return { postId, kind: req.protocol, authorName: '', authorEmail: '', authorUrl: source, content: '', sourceUrl: source, ip: req.ip, userAgent: req.userAgent };
}

/** `settings`: when the caller read them already for this ping. */
export type GateStage = { at: 'door' | 'store'; settings?: Settings };

export async function admitLinkback(ctx: AppContext, req: LinkbackRequest, stage: GateStage = { at: 'door' }): Promise<GateResult> {
  const fail = (r: Refusal): GateResult => ({ ok: false, refusal: r });
  const door = stage.at === 'door';
  const limits = limitsFor(ctx);
  if (door && !(await limits.allowIp(req.ip))) return fail(refusal('rate_limited', 'Too many linkbacks from your address; try again in a minute.'));
  const source = parseHttpUrl(req.source);
  if (!source) return fail(refusal('bad_source', 'The source must be an absolute http or https URL.'));
  const target = parseHttpUrl(req.target);
  if (!target) return fail(refusal('bad_target', 'The target must be an absolute http or https URL.'));
  if (sameResource(source.href, target.href)) return fail(refusal('same', 'The source and the target are the same page.'));

  const settings = stage.settings ?? (await loadSettings(ctx.db));
  const siteUrl = siteUrlOf(ctx.config, settings);
  const mapped = await resolveTarget(ctx.db, target, siteUrl);
  if (!mapped.ok) return fail(refusal(mapped.why, mapped.message));
  const post = mapped.post;
  const sourcePost = await resolveTarget(ctx.db, source, siteUrl);
  if (sourcePost.ok && sourcePost.post.id === post.id) return fail(refusal('same', 'The source and the target are the same post.'));

  const sourceUrl = req.source.trim();
  // At the door a Webmention repeat is an update (the job finds the stored one); before storing a new one, a
  // linkback stored meanwhile (by another job or instance) is a duplicate like any other, which submitComment
  // decides under the post's lock, serialised with its insert (issue 18 point 4).
  const webmention = req.protocol === 'webmention' && door;
  const refused = await refusalOf(ctx, gateCandidate(req, post.id, sourceUrl), post, settings, { repeatIsUpdate: webmention, floodDecided: !door, duplicateDecidedLater: !door });
  if (refused) return fail(FROM_RULE[refused.rule]);
  const sourceHost = hostOf(source.href)!;
  // Last, so a refused request holds no slot; the caller settles it once verification has spoken (limits.ts).
  const reservation = door ? await limits.reserveSourceHost(sourceHost, req.ip) : null;
  if (door && !reservation) return fail(refusal('rate_limited', 'Too many linkbacks from this source site; try again in a minute.'));

  const existing = webmention ? await findLinkback(ctx.db, post.id, source.href, sourceUrl) : undefined;
  return { ok: true, admitted: { post, source: sourceUrl, target: req.target.trim(), sourceHost, siteUrl, settings, existing, reservation } };
}
