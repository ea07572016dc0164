// The moderation rules every new comment and linkback passes, in one documented order. Each decision
// carries its reason so an admin can see why something was held or refused. The order (also shown on the
// discussion settings page, see RULE_ORDER) — the first rule that speaks decides:
//   1. post not published, or closed (comment_status / ping_status, or auto-closed by age) → refuse 403
//   2. name and email missing while require_name_email is on (readers' comments only) → refuse 400
//   3. source host on blocked_source_hosts (linkbacks) → refuse 403
//   4. duplicate (comments: same post + author + email + content; linkbacks: same post + source) → refuse 409
//   5. flood: readers' comments — another within 15 s from the same IP or the same email (when given);
//      linkbacks — 20 or more from the same source host within a minute (never by IP or empty email; the
//      same source page pinging several posts is not a flood); trusted hosts, the post's author and admins
//      are spared, as WordPress spares moderators → refuse 429
//   6. disallowed words (author, email, URL, content and its text, source, IP, user agent) → trash
//   6a. spam traps on the readers' form (issue 16 point 1): the honeypot field filled → spam; sent sooner
//      than a person could (form-time.ts) or with no valid time stamp → hold. Each says so in its reason.
//   7. comment_moderation ("hold every comment") → hold
//   8. comment_max_links or more links → hold
//   9. moderation words → hold
//  10. source host on trusted_source_hosts (linkbacks, unless known unverified) → approve
//  11. comment_previously_approved: same email has an approved reader's comment / same source host has an
//      approved linkback → approve
//  12. signed in as the post's author (or an admin) → approve
//  13. otherwise → hold
// Rules 1–5 refuse (refusalOf): readers' comments meet them through decide(), linkbacks at the inbound gate's
// door (linkbacks/inbound/gate.ts), which then stores past the rest with { admitted: true }; the duplicate
// rule is asked once more then, where submitComment serialises it with the insert (issue 18 point 4).
// Rules keyed on linkback fields look at the kind AND the source URL, never the author URL, and rules keyed
// on email never match an empty one, so a reader's comment cannot pass itself off as a trusted linkback.
import { canReadPost } from '../posts/visibility.js';
import type { Clock } from '../clock.js';
import type { Executor } from '../db/database.js';
import type { CommentKind, Post } from '../db/schema.js';
import type { Settings } from '../settings/definitions.js';
import { loadSettings } from '../settings/repository.js';
import { findUserById } from '../users/repository.js';
import { hostInList, hostOf } from '../net/hosts.js';
import { countLinks, firstWordHit, isLinkbackKind, stripTags } from './matching.js';
import { emailPreviouslyApproved, floodReason, hostPreviouslyApproved, isDuplicate } from './rule-repository.js';
import { isOpenlyPublished, isProtected } from '../posts/visibility.js';
import { can } from '../users/capabilities.js';

export interface CommentCandidate {
  postId: number;
  kind: CommentKind;
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  /** Comment text (HTML for readers' comments, the excerpt for linkbacks). */
  content: string;
  sourceUrl?: string | null;
  ip: string;
  userAgent: string;
  /** The signed-in user who wrote it, if any (rule 12; also spares them the flood check, as WordPress does). */
  userId?: number | null;
  /** Linkbacks: false when the source was not fetched and checked; trusted/known hosts then do not auto-approve. */
  verified?: boolean;
  /** Readers' form only: what the spam traps saw (rule 6a). Other doors (XML-RPC) have no form to trap. */
  /** Replies (readers' form): the comment answered and its thread's top-level comment, checked by the caller. */
  parentId?: number | null;
  threadId?: number | null;
  traps?: { honeypot: boolean; secondsToSend: number | null; minSeconds: number };
}

/** The rules that refuse (1–5): nothing is stored. Each door maps these to its own answer. */
export type RefusalRule = 'not_published' | 'closed' | 'name_required' | 'blocked' | 'duplicate' | 'flood';

export interface RuleRefusal {
  rule: RefusalRule;
  reason: string;
}

/** The HTTP answer to each refusal, for the doors that speak HTTP status (the comment form, wp.newComment). */
export const REFUSAL_HTTP_STATUS: Record<RefusalRule, number> = { not_published: 404, closed: 403, name_required: 400, blocked: 403, duplicate: 409, flood: 429 };

export type Decision =
  | { action: 'approve' | 'hold' | 'spam' | 'trash'; reason: string }
  /** Not stored at all: closed, blocked or flooding. `httpStatus` is REFUSAL_HTTP_STATUS[rule]. */
  | { action: 'refuse'; rule: RefusalRule; reason: string; httpStatus: number };

export interface RuleOptions {
  /** The settings the caller already loaded for this request, so they are read once. */
  settings?: Settings;
  /** Linkbacks: the inbound gate already ran refusalOf at the door and again before storing (inbound/gate.ts); only the duplicate rule is asked once more, under the lock. */
  admitted?: boolean;
  /** Linkbacks: the source-host budget was spent at the door, so the pre-store check must not spend it twice. */
  floodDecided?: boolean;
  /** Webmention: a repeat from the same source updates the stored mention (WM §3.2.3), so it is no duplicate. */
  repeatIsUpdate?: boolean;
  /** Linkbacks about to be stored: submitComment asks the duplicate rule under its lock, so not here too. */
  duplicateDecidedLater?: boolean;
}

/** The order above, in words, for the discussion settings page. */
export const RULE_ORDER: string[] = [
  'Post not published, or closed to comments / link notifications (also when auto-closed by age) → refused',
  'Name and email missing while required (readers’ comments) → refused',
  'Source host on the blocked list (linkbacks) → refused',
  'Duplicate (same post, author, email and text; for linkbacks same post and source) → refused',
  'Flood: a comment within 15 seconds of another from the same IP or email; 20 or more linkbacks from one source host within a minute (not for trusted hosts) → refused',
  'Disallowed words (author, email, URL, text, source, IP, user agent) → trash',
  'Spam traps on the comment form: the hidden field filled in → spam; sent within seconds of the page, or without the form’s time stamp → held',
  'Hold every comment → held',
  'Too many links → held',
  'Moderation words → held',
  'Source host on the trusted list (verified linkbacks) → approved',
  'Previously approved author (same email) or source host (same site) → approved',
  'Written by the post’s author or an admin while signed in → approved',
  'Anything else → held',
];

const refuse = (rule: RefusalRule, reason: string): RuleRefusal => ({ rule, reason });

/** Where the rules read from: the app's database, or the transaction that will store what they decide. */
export interface RuleContext {
  db: Executor;
  clock: Clock;
}

export type AgeSettings = Pick<Settings, 'close_comments_for_old_posts' | 'close_comments_days_old'>;

/** WordPress's _close_comments_for_old_post(): the age limit closes pings as well as comments. */
export function closedReason(post: Pick<Post, 'comment_status' | 'ping_status' | 'published_at'>, kind: CommentKind, s: AgeSettings, now: Date): string | null {
  const linkback = isLinkbackKind(kind);
  if ((linkback ? post.ping_status : post.comment_status) !== 'open') return linkback ? 'link notifications are closed on this post' : 'comments are closed on this post';
  if (s.close_comments_for_old_posts && post.published_at) {
    const ageDays = (now.getTime() - new Date(post.published_at).getTime()) / 86_400_000;
    if (ageDays > s.close_comments_days_old) return `this post is older than ${s.close_comments_days_old} days, so it is closed`;
  }
  return null;
}

/**
 * Whether a published post takes linkbacks now (WordPress's pings_open): the post page advertises its
 * endpoints only then. A password-protected post takes none and advertises none (issue 13): its comments
 * are hidden behind the password, and a mention would show who links to it.
 */
export function pingsOpen(post: Pick<Post, 'status' | 'comment_status' | 'ping_status' | 'published_at' | 'password'>, s: AgeSettings, now: Date): boolean {
  return isOpenlyPublished(post) && closedReason(post, 'pingback', s, now) === null;
}

/** A linkback's source URL and host; null for readers' comments, whatever URL they carry. */
function sourceOf(candidate: CommentCandidate) {
  const linkback = isLinkbackKind(candidate.kind);
  const sourceUrl = linkback ? candidate.sourceUrl ?? null : null;
  return { linkback, sourceUrl, sourceHost: hostOf(sourceUrl) };
}

/** Who wrote it, when signed in, and whether that spares the flood rule and approves (rule 12). */
async function writerOf(ctx: RuleContext, candidate: CommentCandidate, post: Post) {
  const user = candidate.userId ? await findUserById(ctx.db, candidate.userId) : undefined;
  return { user, privileged: !!user && (can(user, 'moderate_comments') || user.id === post.author_id) };
}

/**
 * Rules 1–5, the ones that refuse: the one place that decides whether a comment or linkback may be stored at
 * all. Readers' comments reach it through decide(); linkbacks through the inbound gate, at the door.
 */
export async function refusalOf(ctx: RuleContext, candidate: CommentCandidate, post: Post, s: Settings, opts: RuleOptions = {}, writer?: Awaited<ReturnType<typeof writerOf>>): Promise<RuleRefusal | null> {
  const now = ctx.clock.now();
  const { linkback, sourceUrl, sourceHost } = sourceOf(candidate);
  const { user, privileged } = writer ?? (await writerOf(ctx, candidate, post));

  // A private post takes readers' comments from those who may read it (WordPress's read_post), nothing else.
  const readablePrivate = post.status === 'private' && !linkback && !!user && canReadPost(user, post);
  if (post.status !== 'published' && !readablePrivate) return refuse('not_published', 'this post is not published');
  if (linkback && isProtected(post)) return refuse('closed', 'link notifications are closed on this password-protected post');
  const closed = closedReason(post, candidate.kind, s, now);
  if (closed) return refuse('closed', closed);
  if (!linkback && !user && s.require_name_email && (!candidate.authorName.trim() || !candidate.authorEmail.trim())) return refuse('name_required', 'name and email are required');
  const blocked = linkback ? hostInList(sourceHost, s.blocked_source_hosts) : undefined;
  if (blocked) return refuse('blocked', `source host ${sourceHost} is blocked (${blocked})`);

  const subject = { ...candidate, sourceUrl };
  const duplicate = await duplicateRefusal(ctx, candidate, opts);
  if (duplicate) return duplicate;
  if (!opts.floodDecided && !privileged && !(linkback && hostInList(sourceHost, s.trusted_source_hosts))) {
    const flood = await floodReason(ctx.db, subject, now);
    if (flood) return refuse('flood', `flood: ${flood}`);
  }
  return null;
}

/** Rule 4 alone: comments — same post, author, email and text; linkbacks — same post and source. */
async function duplicateRefusal(ctx: RuleContext, candidate: CommentCandidate, opts: RuleOptions): Promise<RuleRefusal | null> {
  const { linkback, sourceUrl } = sourceOf(candidate);
  if (linkback && (opts.repeatIsUpdate || opts.duplicateDecidedLater)) return null;
  if (!(await isDuplicate(ctx.db, { ...candidate, sourceUrl }))) return null;
  return refuse('duplicate', linkback ? 'this source is already registered for this post' : 'duplicate comment: you already said that');
}

export async function decide(ctx: RuleContext, candidate: CommentCandidate, post: Post, opts: RuleOptions = {}): Promise<Decision> {
  const s = opts.settings ?? (await loadSettings(ctx.db));
  const { linkback, sourceUrl, sourceHost } = sourceOf(candidate);
  const writer = await writerOf(ctx, candidate, post);
  const { user, privileged } = writer;

  // An admitted linkback passed rules 1–5 at the gate; only the duplicate rule is asked again here, where the
  // caller holds the post's lock, so two pings of the same source stored at once on two instances make one.
  const refused = linkback && opts.admitted ? await duplicateRefusal(ctx, candidate, opts) : await refusalOf(ctx, candidate, post, s, opts, writer);
  if (refused) return { action: 'refuse', ...refused, httpStatus: REFUSAL_HTTP_STATUS[refused.rule] };

  const fields = [candidate.authorName, candidate.authorEmail, candidate.authorUrl, candidate.content, stripTags(candidate.content), sourceUrl ?? '', candidate.ip, candidate.userAgent];
  const disallowed = firstWordHit(s.disallowed_keys, fields);
  if (disallowed) return { action: 'trash', reason: `matched a disallowed word: "${disallowed}"` };
  const trapped = trapReason(candidate.traps);
  if (trapped) return trapped;
  if (s.comment_moderation) return { action: 'hold', reason: 'every comment is held for moderation (setting)' };
  const links = countLinks(candidate.content);
  if (s.comment_max_links > 0 && links >= s.comment_max_links) return { action: 'hold', reason: `has ${links} links (held at ${s.comment_max_links} or more)` };
  const moderated = firstWordHit(s.moderation_keys, fields);
  if (moderated) return { action: 'hold', reason: `matched a moderation word: "${moderated}"` };

  const checked = candidate.verified !== false;
  const trusted = linkback && checked ? hostInList(sourceHost, s.trusted_source_hosts) : undefined;
  if (trusted) return { action: 'approve', reason: `source host ${sourceHost} is trusted (${trusted})` };
  if (s.comment_previously_approved) {
    if (linkback && checked && (await hostPreviouslyApproved(ctx.db, sourceHost))) return { action: 'approve', reason: `${sourceHost} has an approved linkback already` };
    if (!linkback && (await emailPreviouslyApproved(ctx.db, candidate.authorEmail))) return { action: 'approve', reason: 'this email has an approved comment already' };
  }
  if (privileged && !linkback) return { action: 'approve', reason: user!.id === post.author_id ? 'written by the post’s author' : 'written by an administrator' };
  return { action: 'hold', reason: linkback ? 'new linkbacks wait for approval' : 'new comments wait for approval' };
}

/** Rule 6a: the readers' form's honeypot and minimum time to send. */
function trapReason(traps: CommentCandidate['traps']): Decision | null {
  if (!traps) return null;
  if (traps.honeypot) return { action: 'spam', reason: 'spam trap: the hidden “leave this empty” field was filled in' };
  if (traps.secondsToSend === null) return { action: 'hold', reason: 'spam trap: the form’s time stamp was missing or altered' };
  if (traps.secondsToSend < traps.minSeconds) return { action: 'hold', reason: `spam trap: sent ${Math.max(0, traps.secondsToSend)} s after the form was shown (people take at least ${traps.minSeconds} s)` };
  return null;
}
