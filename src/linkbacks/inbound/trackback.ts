// TrackBack receiving (TB12 "Sending a TrackBack Ping", linkback-protocols §2.2–2.4): a form-encoded POST
// decoded with its declared charset, turned into a LinkbackRequest; answers in the spec's <response> XML.
import type { AppContext } from '../../context.js';
import { permalinkUrl } from '../../posts/permalink.js';
import { findPostById } from '../../posts/repository.js';
import { siteUrl } from '../../settings/site-url.js';
import { trackbackMessage } from './answers.js';
import { decodeTrackbackForm } from './charset.js';
import { BLOG_NAME_MAX, EXCERPT_MAX, receiveNow, TITLE_MAX } from './receive.js';
import { fieldToText, truncateText } from './text.js';
import { loadSettings } from '../../settings/repository.js';
import { xmlText } from '../../content/escape.js';

export function trackbackXml(error: string | null): string {
  const body = error === null ? '<error>0</error>' : `<error>1</error>\n<message>${xmlText(error)}</message>`;
  return `<?xml version="1.0" encoding="utf-8"?>\n<response>\n${body}\n</response>\n`;
}

export interface TrackbackInput {
  postId: string;
  body: Buffer;
  contentType: string | undefined;
  ip: string;
  userAgent: string;
}

/** Returns null on success, or the message for <error>1</error>. */
export async function receiveTrackback(ctx: AppContext, input: TrackbackInput): Promise<string | null> {
  if (!/^[1-9]\d{0,9}$/.test(input.postId)) return 'A TrackBack ping needs the numeric ID of one of our posts in its URL.';
  const decoded = decodeTrackbackForm(input.body, input.contentType);
  if (!decoded.ok) return decoded.reason;
  const one = (name: string): string | null | 'repeated' => {
    const all = decoded.fields.get(name) ?? [];
    return all.length > 1 ? 'repeated' : all[0] ?? null;
  };
  const url = one('url');
  if (url === 'repeated') return 'Send the url field once.';
  if (!url || !url.trim()) return 'You need to provide the URL of your entry (url).';
  const post = await findPostById(ctx.db, Number(input.postId));
  if (!post || post.status !== 'published') return `There is no published post with TrackBack ID ${input.postId}.`;
  const text = (name: string, max: number) => {
    const v = one(name);
    return v && v !== 'repeated' ? truncateText(fieldToText(v), max) : undefined;
  };
  // Read once for the whole ping: the gate and the rules take these settings rather than reading them again.
  const settings = await loadSettings(ctx.db);
  const result = await receiveNow(
    ctx,
    {
      protocol: 'trackback',
      source: url,
      target: permalinkUrl(siteUrl(ctx.config, settings), post),
      title: text('title', TITLE_MAX) || undefined,
      excerpt: text('excerpt', EXCERPT_MAX) || undefined,
      blogName: text('blog_name', BLOG_NAME_MAX) || undefined,
      ip: input.ip,
      userAgent: input.userAgent,
    },
    { verify: settings.trackback_verify_source, settings },
  );
  return result.ok ? null : trackbackMessage(result.refusal);
}
