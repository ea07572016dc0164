// A post's comments, pingbacks and trackbacks from the file, each once (matched on its WordPress comment id),
// with their threading, status, author, email, URL, IP and date. Pingbacks and trackbacks become linkbacks of
// their kind, as the inbound doors store them (source, target, title, excerpt), so Mentions shows them like
// native ones; they are marked "imported" (verification_state), which the re-verification sweep passes by
// (an admin may still re-verify one by hand). Nothing here touches the network.
import type { Executor } from '../db/database.js';
import type { Comment, CommentKind, Post } from '../db/schema.js';
import { sanitizeCommentHtml, htmlToText, truncateText } from '../content/sanitize.js';
import { addCommentEvent, findComment, insertComment } from '../comments/repository.js';
import { permalinkPath } from '../posts/permalink.js';
import type { ItemContext } from './import-item.js';
import { mappedId, recordMapping } from './repository.js';
import { note } from './report.js';
import { commentKind, commentStatus, gmtToIso } from './wp-values.js';
import type { WxrComment } from './wxr-records.js';

/** verification_state of a linkback that came in an import: not re-verified by the sweep (reverify.ts). */
export const IMPORTED_STATE = 'imported';

const COUNTED: Record<CommentKind, 'comments' | 'pingbacks' | 'trackbacks'> = { comment: 'comments', pingback: 'pingbacks', trackback: 'trackbacks', webmention: 'pingbacks' };

export async function importComments(ic: ItemContext, trx: Executor, post: Post, comments: WxrComment[]): Promise<void> {
  if (comments.length === 0) return;
  const target = ic.siteUrl + permalinkPath(post, ic.links);
  // Parents before replies: WordPress ids grow with time, and a reply is always newer than what it answers.
  const ordered = [...comments].sort((a, b) => a.id - b.id);
  const placed = new Map<number, Pick<Comment, 'id' | 'thread_id'>>();
  for (const c of ordered) {
    const { kind, note: kindNote } = commentKind(c.type);
    const counted = COUNTED[kind];
    const known = c.id > 0 ? await mappedId(trx, ic.source, 'comment', c.id) : undefined;
    if (known) {
      placed.set(c.id, (await findComment(trx, known)) ?? { id: known, thread_id: null });
      ic.report.existing[counted]++;
      continue;
    }
    const { status, note: statusNote } = commentStatus(c.approved);
    const where = `comment ${c.id} on "${post.title.slice(0, 60)}"`;
    if (kindNote) note(ic.report, `${where}: ${kindNote}`);
    if (statusNote) note(ic.report, `${where}: ${statusNote}`);
    const parent = kind === 'comment' && c.parent > 0 ? placed.get(c.parent) : undefined;
    if (kind === 'comment' && c.parent > 0 && !parent) note(ic.report, `${where}: the comment it replies to (${c.parent}) is not in the file (WordPress leaves spam out): shown as a new thread`);
    const at = gmtToIso(c.dateGmt) ?? gmtToIso(c.date) ?? ic.ctx.clock.now().toISOString();
    const linkback = kind !== 'comment';
    const fields = linkback ? linkbackFields(kind, c) : null;
    const row = await insertComment(trx, {
      post_id: post.id,
      kind,
      status,
      status_before_trash: status === 'trash' ? 'approved' : null,
      author_name: (linkback ? htmlToText(c.author) : c.author).slice(0, 250),
      author_email: c.email.slice(0, 254),
      author_url: c.url.slice(0, 2000),
      content: linkback ? (fields!.excerpt ?? '') : sanitizeCommentHtml(c.content),
      source_url: linkback ? c.url.slice(0, 2000) || null : null,
      target_url: linkback ? target : null,
      title: fields?.title ?? null,
      excerpt: fields?.excerpt ?? null,
      ip: c.ip.slice(0, 64),
      user_agent: '',
      created_at: at,
      updated_at: at,
      verification_state: linkback ? IMPORTED_STATE : 'unverified',
      verified_at: null,
      verification_note: linkback ? 'Imported from WordPress; not re-verified by the scheduled sweep' : null,
      moderation_reason: 'Imported from WordPress',
      parent_id: parent ? parent.id : null,
      thread_id: parent ? (parent.thread_id ?? parent.id) : null,
    });
    await addCommentEvent(trx, row.id, ic.ctx.clock.now().toISOString(), 'import', `imported from ${ic.source} (comment ${c.id})`);
    if (c.id > 0) await recordMapping(trx, ic.source, 'comment', c.id, row.id);
    placed.set(c.id, row);
    ic.report.created[counted]++;
  }
}

/**
 * Title and excerpt as WordPress stored the received ping: a pingback's author is the source page's title and
 * its content "[…] excerpt […]"; a trackback's author is the blog's name and its content
 * "<strong>title</strong>\n\nexcerpt".
 */
function linkbackFields(kind: CommentKind, c: WxrComment): { title: string | null; excerpt: string | null } {
  if (kind === 'trackback') {
    const m = /^\s*<strong>([^]*?)<\/strong>\s*([^]*)$/.exec(c.content);
    return { title: truncateText(htmlToText(m ? m[1]! : c.author), 250), excerpt: truncateText(htmlToText(m ? m[2]! : c.content), 1000) };
  }
  // The page shows "… excerpt …" itself (views/partials/mentions.eta): WordPress's own "[…]" marks go.
  const excerpt = htmlToText(c.content).replace(/^\s*\[(?:…|\.\.\.)\]\s*|\s*\[(?:…|\.\.\.)\]\s*$/g, '');
  return { title: truncateText(htmlToText(c.author), 250), excerpt: truncateText(excerpt, 1000) };
}
