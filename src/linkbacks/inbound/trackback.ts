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
import { fieldLists, inputOf, onceText, REPEATED } from '../../http/input.js';
import { rowIdFrom } from '../../db/row-id.js';

export function trackbackXml(error: string | null): string {
  const body = error === null ? '<error>0</error>' : `<error>1</error>\n<message>${xmlText(error)}</message>`;
  return `<?xml version="1.0" encoding="utf-8"?>\n<response>\n${body}\n</response>\n`;
}

/** A ping's fields once decoded in its charset: url once and not blank; title, excerpt, blog_name when sent once. */
export interface TrackbackPing {
  postId: number;
  url: string;
  title: string | null;
  excerpt: string | null;
  blogName: string | null;
  ip: string;
  userAgent: string;
}

const optional = onceText.transform((v) => (typeof v === 'string' ? v : null));
const pingFields = inputOf({ url: onceText, title: optional, excerpt: optional, blog_name: optional });

/**
 * The ping a TrackBack POST carries, parsed at the route (TB12: a form body in its declared charset), or the
 * message for <error>1</error>. `postId` is the path's (or the permalink's) id as sent.
 */
export function parseTrackbackPing(
  postId: string,
  body: Buffer,
  contentType: string,
  sender: { ip: string; userAgent: string },
): { ok: true; ping: TrackbackPing } | { ok: false; error: string } {
  const id = rowIdFrom(postId);
  if (id === null) return { ok: false, error: 'A TrackBack ping needs the numeric ID of one of our posts in its URL.' };
  const decoded = decodeTrackbackForm(body, contentType);
  if (!decoded.ok) return { ok: false, error: decoded.reason };
  const f = pingFields.parse(fieldLists(decoded.fields));
  if (f.url === REPEATED) return { ok: false, error: 'Send the url field once.' };
  if (!f.url || !f.url.trim()) return { ok: false, error: 'You need to provide the URL of your entry (url).' };
  return { ok: true, ping: { postId: id, url: f.url, title: f.title, excerpt: f.excerpt, blogName: f.blog_name, ...sender } };
}

/** Returns null on success, or the message for <error>1</error>. */
export async function receiveTrackback(ctx: AppContext, input: TrackbackPing): Promise<string | null> {
  const post = await findPostById(ctx.db, input.postId);
  if (!post || post.status !== 'published') return `There is no published post with TrackBack ID ${input.postId}.`;
  const text = (v: string | null, max: number) => (v ? truncateText(fieldToText(v), max) : undefined);
  // Read once for the whole ping: the gate and the rules take these settings rather than reading them again.
  const settings = await loadSettings(ctx.db);
  const result = await receiveNow(
    ctx,
    {
      protocol: 'trackback',
      source: input.url,
      target: permalinkUrl(siteUrl(ctx.config, settings), post, settings),
      title: text(input.title, TITLE_MAX) || undefined,
      excerpt: text(input.excerpt, EXCERPT_MAX) || undefined,
      blogName: text(input.blogName, BLOG_NAME_MAX) || undefined,
      ip: input.ip,
      userAgent: input.userAgent,
    },
    { verify: settings.trackback_verify_source, settings },
  );
  return result.ok ? null : trackbackMessage(result.refusal);
}
