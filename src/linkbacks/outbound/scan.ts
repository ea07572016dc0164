// The `linkbacks.scan` job: read a published post, extract its links, diff them against the delivery log
// and, in one transaction, record new deliveries and queue one send job each. No network here.
import type { AppContext } from '../../context.js';
import type { Executor } from '../../db/database.js';
import type { Delivery, Post } from '../../db/schema.js';
import { enqueue } from '../../jobs/queue.js';
import { findPostById } from '../../posts/repository.js';
import { permalinkPath } from '../../posts/permalink.js';
import type { Settings } from '../../settings/definitions.js';
import { loadSettings } from '../../settings/repository.js';
import { siteUrl } from '../../settings/site-url.js';
import { normaliseLink, postTargets } from './links.js';
import { responseUrls } from '../../posts/post-mf2.js';
import { planLinks, type LinkDecision } from './plan.js';
import { linksToOwnSite, outboundVerdict, POLICY_SKIPS, SKIP_TEXT, type OutboundVerdict, type SkipReason } from './policy.js';
import { recordInternalPingback, resolveOwnPost } from './internal.js';
import { resendAfterRestore } from './delete-notice.js';
import { deliveriesOfPost, insertDelivery, updateDelivery, type DeliveryKind } from './repository.js';

export const SEND_JOB = 'linkbacks.send';
export const SEND_MAX_ATTEMPTS = 8;
/** How long a WebSub notification waits for further edits of the post before it goes. */
export const HUB_DEBOUNCE_MS = 60_000;

export interface ScanPayload {
  postId: number;
  firstPublish: boolean;
  /** A post imported as scheduled going live (issue 17): no update-service ping and no WebSub publish. */
  quiet?: boolean;
}

interface ScanContext {
  ctx: AppContext;
  trx: Executor;
  post: Post;
  settings: Settings;
  site: string;
  permalink: string;
  now: string;
}

export async function scanPost(ctx: AppContext, payload: ScanPayload): Promise<void> {
  const post = await findPostById(ctx.db, payload.postId);
  if (!post || post.status !== 'published') return;
  const settings = await loadSettings(ctx.db);
  const site = siteUrl(ctx.config, settings);
  const permalink = site + permalinkPath(post, settings);
  const links = postTargets(post.content, responseUrls(post), permalink);
  await ctx.transaction(async (trx) => {
    const s: ScanContext = { ctx, trx, post, settings, site, permalink, now: ctx.clock.now().toISOString() };
    await scanLinks(s, links);
    // Back from the trash: targets told of the delete hear of the post again.
    await resendAfterRestore(s);
    await scanTrackbacks(s);
    if (payload.firstPublish) await scanServices(s);
    if (!payload.quiet) await scanHubs(s);
  });
  ctx.wakeWorker();
}

async function scanLinks(s: ScanContext, links: string[]): Promise<void> {
  const current: { url: string; decision: LinkDecision }[] = [];
  for (const url of links) current.push({ url, decision: await verdictFor(s, 'link', url) });
  const existing = await deliveriesOfPost(s.trx, s.post.id, 'link');
  const byId = new Map(existing.map((d) => [d.id, d]));
  for (const step of planLinks(existing, current)) {
    if (step.type === 'insert') {
      const d = step.decision;
      if (d.kind === 'internal') await recordInternalPingback(s.trx, s.post, s.permalink, step.url, d.postId, s.now);
      else if (d.kind === 'skip') await insertDelivery(s.trx, { post_id: s.post.id, kind: 'link', target_url: step.url, state: 'skipped', skip_reason: d.reason, last_answer: SKIP_TEXT[d.reason], now: s.now });
      else await insertAndQueue(s, 'link', step.url);
    } else if (step.type === 'set_present') {
      await updateDelivery(s.trx, step.id, { present: step.present, updated_at: s.now });
      if (step.resend) await queueSend(s, byId.get(step.id)!);
    } else {
      await queueSend(s, byId.get(step.id)!);
    }
  }
}

/** The policy's verdict on one target, once we know which of our posts a link to our own site names. */
export async function verdictFor(s: Pick<ScanContext, 'ctx' | 'trx' | 'post' | 'settings' | 'site'>, target: 'link' | 'trackback' | 'service', url: string, opts: { draft?: boolean } = {}): Promise<OutboundVerdict> {
  const ownPost = target === 'link' && linksToOwnSite(url, s.site, s.settings) ? await resolveOwnPost(s.trx, s.site, url) : undefined;
  return outboundVerdict({ target, url, post: s.post, settings: s.settings, allowPrivate: s.ctx.config.outboundAllowPrivate, draft: opts.draft, ownPost });
}

async function policySkip(s: ScanContext, target: 'trackback' | 'service', url: string): Promise<SkipReason | null> {
  const v = await verdictFor(s, target, url);
  return v.kind === 'skip' ? v.reason : null;
}

/** "Send trackbacks to" URLs: sent as given (no discovery), each once, even when link notification is off. */
async function scanTrackbacks(s: ScanContext): Promise<void> {
  const urls = [...new Set(s.post.to_ping.split(/\s+/).map((u) => (u ? normaliseLink(u, s.site) : null)).filter((u): u is string => u !== null))];
  if (urls.length === 0) return;
  const existing = new Map((await deliveriesOfPost(s.trx, s.post.id, 'trackback')).map((d) => [d.target_url, d]));
  for (const url of urls) {
    const skip = await policySkip(s, 'trackback', url);
    const d = existing.get(url);
    if (!d) {
      if (skip) await insertDelivery(s.trx, { post_id: s.post.id, kind: 'trackback', target_url: url, state: 'skipped', skip_reason: skip, last_answer: SKIP_TEXT[skip], now: s.now });
      else await insertAndQueue(s, 'trackback', url);
    } else if (!skip && d.state === 'skipped' && d.skip_reason && POLICY_SKIPS.has(d.skip_reason)) {
      await queueSend(s, d);
    }
  }
}

/** Update services hear about a post once, when it is first published (never on edits: WP's over-pinging). */
async function scanServices(s: ScanContext): Promise<void> {
  for (const url of new Set(s.settings.update_services)) {
    const skip = await policySkip(s, 'service', url);
    if (skip) await insertDelivery(s.trx, { post_id: s.post.id, kind: 'service', target_url: url, state: 'skipped', skip_reason: skip, last_answer: SKIP_TEXT[skip], now: s.now });
    else await insertAndQueue(s, 'service', url);
  }
}

/**
 * WebSub hubs hear of every publish and update (issue 19 point 5), one delivery per post and hub. The send is
 * held back HUB_DEBOUNCE_MS and deduplicated on the delivery while it waits, so a burst of edits makes one
 * notification, as the scan job itself is deduplicated per post.
 */
async function scanHubs(s: ScanContext): Promise<void> {
  if (s.settings.websub_hubs.length === 0) return;
  const existing = new Map((await deliveriesOfPost(s.trx, s.post.id, 'hub')).map((d) => [d.target_url, d]));
  const runAt = new Date(s.ctx.clock.now().getTime() + HUB_DEBOUNCE_MS);
  for (const url of new Set(s.settings.websub_hubs)) {
    const skip = await policySkip(s, 'service', url);
    const d = existing.get(url);
    if (skip) {
      if (!d) await insertDelivery(s.trx, { post_id: s.post.id, kind: 'hub', target_url: url, state: 'skipped', skip_reason: skip, last_answer: SKIP_TEXT[skip], now: s.now });
      continue;
    }
    const row = d ?? (await insertDelivery(s.trx, { post_id: s.post.id, kind: 'hub', target_url: url, state: 'queued', now: s.now }));
    if (row) await queueSend(s, row, runAt);
  }
}

async function insertAndQueue(s: ScanContext, kind: DeliveryKind, url: string): Promise<void> {
  const row = await insertDelivery(s.trx, { post_id: s.post.id, kind, target_url: url, state: 'queued', now: s.now });
  if (row) await queueSend(s, row);
}

/** Puts a delivery (back) in the queue with its own send job; the job's host drives the per-host limit. */
export async function queueSend(s: { ctx: AppContext; trx: Executor; now: string }, d: Pick<Delivery, 'id' | 'target_url' | 'job_id'>, runAt?: Date): Promise<void> {
  const jobId = await enqueue(s.trx, s.ctx.clock, {
    type: SEND_JOB,
    runAt,
    payload: { deliveryId: d.id },
    host: new URL(d.target_url).host,
    dedupeKey: `delivery:${d.id}`,
    maxAttempts: SEND_MAX_ATTEMPTS,
  });
  await updateDelivery(s.trx, d.id, { state: 'queued', skip_reason: null, next_attempt_at: null, job_id: jobId ?? d.job_id, updated_at: s.now });
}
