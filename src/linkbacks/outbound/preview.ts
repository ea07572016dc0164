// "Which links will be notified?" before publishing: the scan's own extraction and the one outbound policy
// (policy.ts) run over the post as saved (a draft too), read-only, with what already happened to each target.
// What the post answers (in reply to, like of, repost of) is listed with the links: it is notified as they are.
import type { AppContext } from '../../context.js';
import type { Post } from '../../db/schema.js';
import { permalinkPath } from '../../posts/permalink.js';
import { loadSettings } from '../../settings/repository.js';
import { siteUrl } from '../../settings/site-url.js';
import { postTargets } from './links.js';
import { responseUrls } from '../../posts/post-mf2.js';
import { verdictText } from './policy.js';
import { verdictFor } from './scan.js';
import { deliveriesOfPost } from './repository.js';

export interface PreviewRow {
  url: string;
  verdict: string;
  already: string | null;
}

export async function previewLinks(ctx: AppContext, post: Post): Promise<PreviewRow[]> {
  const settings = await loadSettings(ctx.db);
  const site = siteUrl(ctx.config, settings);
  // A draft has no date yet: resolve against the permalink it would get if published now.
  const permalink = site + permalinkPath({ ...post, published_at: post.published_at ?? ctx.clock.now().toISOString() }, settings);
  const existing = new Map((await deliveriesOfPost(ctx.db, post.id, 'link')).map((d) => [d.target_url, d]));
  const rows: PreviewRow[] = [];
  for (const url of postTargets(post.content, responseUrls(post), permalink)) {
    const verdict = verdictText(await verdictFor({ ctx, trx: ctx.db, post, settings, site }, 'link', url, { draft: true }));
    const before = existing.get(url);
    rows.push({ url, verdict, already: before ? before.state : null });
  }
  return rows;
}
