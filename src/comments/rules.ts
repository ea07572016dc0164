// The moderation rules every new comment and linkback passes, in one documented order. Each decision
// carries its reason so an admin can see why something was held or refused.
import type { AppContext } from '../context.js';
import type { CommentKind, Post } from '../db/schema.js';
import { loadSettings } from '../settings/settings.js';

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
}

export type Decision =
  | { action: 'approve' | 'hold' | 'spam' | 'trash'; reason: string }
  /** Not stored at all: closed, blocked or flooding. `httpStatus` for the door that asked. */
  | { action: 'refuse'; reason: string; httpStatus: number };

export async function decide(ctx: AppContext, candidate: CommentCandidate, post: Post): Promise<Decision> {
  const s = await loadSettings(ctx.db);
  const fields = [candidate.authorName, candidate.authorEmail, candidate.authorUrl, candidate.content, candidate.ip, candidate.userAgent]
    .join('\n')
    .toLowerCase();
  const hit = (words: string[]) => words.find((w) => w.trim() && fields.includes(w.trim().toLowerCase()));
  const disallowed = hit(s.disallowed_keys);
  if (disallowed) return { action: 'trash', reason: `matched a disallowed word: "${disallowed}"` };
  if (s.comment_moderation) return { action: 'hold', reason: 'every comment is held for moderation (setting)' };
  const moderated = hit(s.moderation_keys);
  if (moderated) return { action: 'hold', reason: `matched a moderation word: "${moderated}"` };
  if (candidate.kind === 'comment') {
    const links = (candidate.content.match(/<a\s[^>]*href|https?:\/\//gi) ?? []).length;
    if (s.comment_max_links > 0 && links >= s.comment_max_links) return { action: 'hold', reason: `has ${links} links (hold at ${s.comment_max_links})` };
  }
  void post;
  return { action: 'hold', reason: 'new comments wait for approval' };
}
