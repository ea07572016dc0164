// Pure diff between the links a post has now and the deliveries already recorded for it. Plain edits ping
// nobody twice; a removed or re-added link gets a fresh Webmention where one was sent (Webmention §3.1.4,
// linkback-protocols.md §3.2 "Updates and deletes"); policy skips are re-checked when the policy changes.
import { POLICY_SKIPS, type OutboundVerdict } from './policy.js';

/** What the scan decided for one current link: outboundVerdict's answer, of which the plan reads the kind. */
export type LinkDecision = { kind: 'send' } | Exclude<OutboundVerdict, { kind: 'send' }>;

export interface ExistingDelivery {
  id: number;
  target_url: string;
  state: string;
  protocol: string | null;
  present: number;
  skip_reason: string | null;
}

export type PlanStep =
  | { type: 'insert'; url: string; decision: LinkDecision }
  | { type: 'set_present'; id: number; present: 0 | 1; resend: boolean }
  | { type: 'requeue'; id: number };

export function planLinks(existing: readonly ExistingDelivery[], current: ReadonlyArray<{ url: string; decision: LinkDecision }>): PlanStep[] {
  const byUrl = new Map(existing.map((d) => [d.target_url, d]));
  const now = new Set(current.map((c) => c.url));
  const steps: PlanStep[] = [];
  for (const { url, decision } of current) {
    const d = byUrl.get(url);
    if (!d) {
      steps.push({ type: 'insert', url, decision });
      continue;
    }
    const wasSent = d.state === 'sent' && d.protocol === 'webmention';
    if (d.present === 0) {
      // Re-added: a Webmention target hears about it again; Pingback and TrackBack have nothing to update.
      steps.push({ type: 'set_present', id: d.id, present: 1, resend: decision.kind === 'send' && wasSent });
      if (decision.kind === 'send' && d.state === 'skipped' && d.skip_reason === 'removed') steps.push({ type: 'requeue', id: d.id });
      continue;
    }
    if (decision.kind === 'send' && d.state === 'skipped' && d.skip_reason !== null && POLICY_SKIPS.has(d.skip_reason)) steps.push({ type: 'requeue', id: d.id });
  }
  for (const d of existing) {
    if (d.present === 1 && !now.has(d.target_url)) {
      steps.push({ type: 'set_present', id: d.id, present: 0, resend: d.state === 'sent' && d.protocol === 'webmention' });
    }
  }
  return steps;
}
