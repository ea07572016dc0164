// The `linkbacks.send` job: one delivery, start to finish. Mark 'sending' with the attempt (a guarded update),
// then (outside any transaction) fetch the target, discover, send, and record the outcome. A re-run finds
// the row already 'sent' and does nothing, so a job re-claimed after a crash never pings twice once the
// send was recorded (issue 4 point 1: handlers are idempotent); a re-run that finds it still 'sending'
// re-sends at most once (RESENDS_AFTER_INTERRUPTION).
import type { AppContext } from '../../context.js';
import type { Delivery, Post } from '../../db/schema.js';
import { parseRetryAfter, retryDelay } from '../../jobs/backoff.js';
import { PermanentFailure, RetryLater } from '../../jobs/errors.js';
import type { JobContext } from '../../jobs/worker.js';
import { truncateText } from '../../content/sanitize.js';
import { HttpError } from '../../net/types.js';
import { findPostById } from '../../posts/repository.js';
import { permalinkPath } from '../../posts/permalink.js';
import type { Settings } from '../../settings/definitions.js';
import { loadSettings } from '../../settings/repository.js';
import { siteUrl } from '../../settings/site-url.js';
import { plainExcerpt } from './links.js';
import type { OutboundProtocols } from './protocols.js';
import { hubTopics, type SendOutcome } from './senders/index.js';
import { findDelivery, SENDABLE_STATES, updateDelivery } from './repository.js';
import { outboundVerdict, SKIP_TEXT, type SkipReason } from './policy.js';

const DISCOVERY_MAX_BYTES = 1_048_576;
const SHORT = 300;
/**
 * Delivery is at-least-once (README, "Deploying several instances"): a crash between the request and the
 * write of its outcome leaves the row 'sending', and the next run sends again, which Webmention and Pingback
 * receivers take as an update of the same source and target. One such re-send, never a third copy, when
 * that one is interrupted too (issue 18 point 3).
 */
const RESENDS_AFTER_INTERRUPTION = 1;
const NOT_A_THIRD_TIME = 'Not sent again: two attempts were interrupted after their request may have reached the receiver, so it has probably been delivered.';

type Attempt = { outcome: SendOutcome; protocol?: string; endpoint?: string } | { noEndpoint: string };

export async function sendDelivery(ctx: AppContext, protocols: OutboundProtocols, deliveryId: number, job: JobContext['job']): Promise<void> {
  const d = await findDelivery(ctx.db, deliveryId);
  if (!d || !(SENDABLE_STATES as readonly string[]).includes(d.state)) return;
  const post = await findPostById(ctx.db, d.post_id);
  const settings = await loadSettings(ctx.db);
  const skip = skipReason(ctx, d, post, settings);
  const now = ctx.clock.now().toISOString();
  if (skip) {
    await updateDelivery(ctx.db, d.id, { state: 'skipped', skip_reason: skip, last_answer: SKIP_TEXT[skip], next_attempt_at: null, updated_at: now }, SENDABLE_STATES);
    return;
  }
  // Still 'sending': the run before us died or was stopped after its request may have landed.
  const interrupted = d.state === 'sending';
  if (interrupted && d.interrupted_sends >= RESENDS_AFTER_INTERRUPTION) {
    await updateDelivery(ctx.db, d.id, { state: 'failed', last_answer: NOT_A_THIRD_TIME, next_attempt_at: null, interrupted_sends: d.interrupted_sends + 1, updated_at: now }, ['sending']);
    return;
  }
  // Claim the row, counting the attempt before the request goes out: if someone pressed "skip" meanwhile,
  // nothing is sent.
  const claimed = { state: 'sending', attempts: d.attempts + 1, interrupted_sends: d.interrupted_sends + (interrupted ? 1 : 0), updated_at: now };
  if (!(await updateDelivery(ctx.db, d.id, claimed, SENDABLE_STATES))) return;

  const site = siteUrl(ctx.config, settings);
  const source = site + permalinkPath(post!, settings);
  let attempt: Attempt;
  try {
    attempt = await deliver(ctx, protocols, d, post!, settings, site, source);
  } catch (err) {
    if (!(err instanceof HttpError)) ctx.log.error({ err, deliveryId }, 'outbound send failed unexpectedly');
    attempt = { outcome: fetchErrorOutcome(err) };
  }
  await record(ctx, d, job, attempt);
}

/** The policy asked again just before sending: the post, the settings or the link may have changed since the scan. */
function skipReason(ctx: AppContext, d: Delivery, post: Post | undefined, settings: Settings): SkipReason | null {
  // A hub is judged as an update service is (outbound switch, deny list, private addresses).
  const v = outboundVerdict({ target: d.kind === 'hub' ? 'service' : d.kind, url: d.target_url, post, settings, allowPrivate: ctx.config.outboundAllowPrivate, recorded: d });
  return v.kind === 'skip' ? v.reason : null;
}

async function deliver(ctx: AppContext, p: OutboundProtocols, d: Delivery, post: Post, settings: Settings, site: string, source: string): Promise<Attempt> {
  const opts = { now: () => ctx.clock.now() };
  // Built only when needed: parsing a long post for every Webmention is what the benchmark caught.
  const trackback = () => ({ title: post.title, url: source, excerpt: plainExcerpt(post.excerpt || post.content), blogName: settings.site_title });
  if (d.kind === 'trackback') return { outcome: await p.sendTrackback(ctx.http, d.target_url, trackback(), opts), protocol: 'trackback', endpoint: d.target_url };
  if (d.kind === 'hub') return { outcome: await p.notifyHub(ctx.http, d.target_url, hubTopics(site), opts), protocol: 'websub', endpoint: d.target_url };
  if (d.kind === 'service') {
    const ping = { name: settings.site_title, siteUrl: `${site}/`, changesUrl: `${site}/`, feedUrl: `${site}/feed/` };
    return { outcome: await p.pingUpdateService(ctx.http, d.target_url, ping, opts), protocol: 'weblogUpdates', endpoint: d.target_url };
  }
  // Webmention §3.1.4: every (re)send re-discovers, since the endpoint may have moved. A delete notice is the
  // same Webmention again (§3.1.5); the receiver fetches our permalink and finds it gone (410).
  const page = await ctx.http.request(d.target_url, { method: 'GET', maxBytes: DISCOVERY_MAX_BYTES, headers: { accept: 'text/html, application/xhtml+xml;q=0.9, */*;q=0.5' } });
  if (page.status === 408 || page.status === 429 || page.status >= 500) {
    const ra = page.headers['retry-after'];
    return { outcome: { kind: 'retry', answer: `target page answered ${page.status}`, retryAfterMs: parseRetryAfter(Array.isArray(ra) ? ra[0] : ra, ctx.clock.now()) } };
  }
  const chosen = p.discover(d.target_url, page.url, page.headers, page.body);
  if (!chosen) return { noEndpoint: page.status >= 400 ? `target page answered ${page.status}; no endpoint advertised` : 'The page advertises no Webmention, Pingback or TrackBack endpoint' };
  const { protocol, endpoint } = chosen;
  if (d.kind === 'delete' && protocol !== 'webmention') return { noEndpoint: 'The page no longer advertises a Webmention endpoint, and Pingback and TrackBack have no way to withdraw a ping' };
  const outcome =
    protocol === 'webmention'
      ? await p.sendWebmention(ctx.http, endpoint, source, d.target_url, opts)
      : protocol === 'pingback'
        ? await p.sendPingback(ctx.http, endpoint, source, d.target_url, opts)
        : await p.sendTrackback(ctx.http, endpoint, trackback(), opts);
  return { outcome, protocol, endpoint };
}

/** Guard refusals and bad URLs are final; timeouts and network trouble are worth another try. */
function fetchErrorOutcome(err: unknown): SendOutcome {
  if (err instanceof HttpError) {
    const final = err.kind === 'blocked' || err.kind === 'bad_url' || err.kind === 'too_many_redirects' || err.kind === 'too_large';
    return final ? { kind: 'failed', answer: `${err.kind}: ${err.message}` } : { kind: 'retry', answer: `${err.kind}: ${err.message}`, retryAfterMs: null };
  }
  // A bug or a database hiccup: retried like a network error, so the row never stays stuck on 'sending'.
  return { kind: 'retry', answer: `internal error: ${err instanceof Error ? err.message : String(err)}`, retryAfterMs: null };
}

async function record(ctx: AppContext, d: Delivery, job: JobContext['job'], a: Attempt): Promise<void> {
  const now = ctx.clock.now();
  const base = { updated_at: now.toISOString() };
  const only = ['sending'];
  // One line per attempt for operators (update services especially: WordPress logs nothing at all).
  const outcome = 'noEndpoint' in a ? 'no_endpoint' : a.outcome.kind;
  ctx.log.info({ deliveryId: d.id, kind: d.kind, target: d.target_url, protocol: 'noEndpoint' in a ? null : a.protocol, outcome, attempt: job.attempts }, 'outbound delivery attempt');
  if ('noEndpoint' in a) {
    await updateDelivery(ctx.db, d.id, { ...base, state: 'no_endpoint', protocol: null, endpoint: null, last_answer: short(a.noEndpoint), next_attempt_at: null }, only);
    return;
  }
  const found = { protocol: a.protocol ?? d.protocol, endpoint: a.endpoint ?? d.endpoint, last_answer: short(a.outcome.answer) };
  const o = a.outcome;
  if (o.kind === 'sent') {
    await updateDelivery(ctx.db, d.id, { ...base, ...found, state: 'sent', location: o.location ?? null, next_attempt_at: null }, only);
    return;
  }
  if (o.kind === 'retry' && job.attempts < job.max_attempts) {
    const delay = retryDelay(job.attempts, o.retryAfterMs, ctx.random);
    await updateDelivery(ctx.db, d.id, { ...base, ...found, state: 'retrying', next_attempt_at: new Date(now.getTime() + delay).toISOString() }, only);
    throw new RetryLater(o.answer, delay);
  }
  const reason = o.kind === 'retry' ? `gave up after ${job.attempts} attempts: ${o.answer}` : o.answer;
  await updateDelivery(ctx.db, d.id, { ...base, ...found, state: 'failed', last_answer: short(reason), next_attempt_at: null }, only);
  throw new PermanentFailure(reason);
}

/** The queue gave the job up without running it: the delivery ends as failed with the queue's reason. */
export async function giveUpDelivery(ctx: AppContext, deliveryId: number, reason: string): Promise<void> {
  await updateDelivery(ctx.db, deliveryId, { state: 'failed', last_answer: short(reason), next_attempt_at: null, updated_at: ctx.clock.now().toISOString() }, SENDABLE_STATES);
}

function short(text: string): string {
  return truncateText(text.replace(/\s+/g, ' ').trim(), SHORT);
}
