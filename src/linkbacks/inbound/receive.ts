// The inbound pipeline: checks → verification → a comment of kind pingback / trackback / webmention through
// submitComment, pending unless the moderation rules approve. Pingback and TrackBack run it synchronously
// (the protocols want a verdict in the reply); Webmention runs the second half in a job (webmention.ts).
import type { AppContext } from '../../context.js';
import type { Comment } from '../../db/schema.js';
import { submitComment } from '../../comments/service.js';
import { hostOf } from '../../net/hosts.js';
import { checkRequest, type Checked } from './checks.js';
import { fetchAndVerify } from './fetch-source.js';
import { limitsFor } from './limits.js';
import { refusal, type LinkbackRequest, type Refusal } from './request.js';
import { truncateText } from './text.js';
import type { Verification } from './verify.js';

export type ReceiveResult = { ok: true; comment: Comment } | { ok: false; refusal: Refusal };

export const EXCERPT_MAX = 255;
export const TITLE_MAX = 250;
export const BLOG_NAME_MAX = 250;

/** Pairs (post, source) being verified right now: a second ping for the same pair is a duplicate. */
const inProgress = new WeakMap<AppContext, Set<string>>();

export async function receiveNow(ctx: AppContext, req: LinkbackRequest, opts: { verify: boolean } = { verify: true }): Promise<ReceiveResult> {
  const checked = await checkRequest(ctx, req);
  if (!checked.ok) return checked;
  const c = checked.checked;
  if (!opts.verify) return store(ctx, req, c, null);

  const busy = inProgress.get(ctx) ?? new Set<string>();
  inProgress.set(ctx, busy);
  const key = `${c.post.id} ${c.source}`;
  if (busy.has(key)) return { ok: false, refusal: refusal('duplicate', 'A linkback from this source is already being registered for this post.') };
  const limits = limitsFor(ctx);
  if (!limits.acquireFetch()) return { ok: false, refusal: refusal('busy', 'The server is busy verifying other linkbacks; try again later.') };
  busy.add(key);
  try {
    const outcome = await fetchAndVerify(ctx, c.source, c.target, { ip: req.ip, protocol: req.protocol });
    if (outcome.kind !== 'ok') return { ok: false, refusal: refusal('fetch_failed', 'The source URL could not be fetched.') };
    if (!outcome.verification.linked) return { ok: false, refusal: refusal('no_link', 'The source does not link to the target.') };
    return await store(ctx, req, c, outcome.verification);
  } finally {
    busy.delete(key);
    limits.releaseFetch();
  }
}

/** Builds the comment from what the sender said and what verification found, and submits it. */
export async function store(ctx: AppContext, req: LinkbackRequest, c: Checked, v: Verification | null): Promise<ReceiveResult> {
  const fields = linkbackText(req, c.source, v);
  const result = await submitComment(
    ctx,
    c.post,
    {
      postId: c.post.id,
      kind: req.protocol,
      authorName: fields.authorName,
      authorEmail: '',
      authorUrl: c.source,
      content: fields.excerpt,
      sourceUrl: c.source,
      ip: req.ip,
      userAgent: req.userAgent,
      verified: v !== null,
    },
    {
      sourceUrl: c.source,
      targetUrl: c.target,
      title: fields.title,
      excerpt: fields.excerpt,
      verifiedAt: v ? ctx.clock.now().toISOString() : null,
      verificationState: v ? 'verified' : 'unverified',
    },
  );
  if (!result.ok) {
    const d = result.decision;
    const kind = d.httpStatus === 409 ? 'duplicate' : d.httpStatus === 429 ? 'rate_limited' : d.httpStatus === 404 ? 'no_such_post' : d.httpStatus === 403 && /closed/.test(d.reason) ? 'closed' : 'blocked';
    return { ok: false, refusal: refusal(kind, `Refused: ${d.reason}.`) };
  }
  return { ok: true, comment: result.comment };
}

/** Title, excerpt and author name as plain text within their limits. TrackBack's own fields come first. */
export function linkbackText(req: LinkbackRequest, source: string, v: Verification | null): { title: string; excerpt: string; authorName: string } {
  const host = hostOf(source) ?? source;
  const title = truncateText(req.title || v?.title || source, TITLE_MAX);
  const excerpt = truncateText(req.excerpt || v?.excerpt || '', EXCERPT_MAX);
  const authorName = req.protocol === 'trackback' ? truncateText(req.blogName || v?.title || host, BLOG_NAME_MAX) : title;
  return { title, excerpt, authorName };
}
