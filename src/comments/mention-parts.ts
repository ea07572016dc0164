// How one linkback is shown (Mentions list, comment feeds): who sent it, and for a TrackBack its own title,
// which WordPress keeps by storing "<strong>title</strong>\n\nexcerpt" as the comment and naming the blog
// (blog_name) as its author (wp-trackback.php). Every part came from another site and stays text: callers
// escape it (templates auto-escape; the feed uses escapeHtml).
import type { Comment } from '../db/schema.js';

export interface MentionParts {
  /** Link text for the source: the blog's name for a TrackBack, the page's title otherwise. */
  name: string;
  /** A TrackBack's title, shown in bold before its excerpt; null when there is none to add. */
  title: string | null;
  excerpt: string;
}

/** What the Mentions list adds for a linkback whose source had mf2 (issue 19); null fields where it had none. */
export interface MentionSemanticsView {
  /** "Reply", "RSVP yes", "Mention"; null without mf2 (the protocol is named instead). The page adds the colon. */
  typeLabel: string | null;
  /** The person who wrote it (mf2 h-card), shown before the page's title. */
  author: string | null;
  /** The mentioning entry's own page (u-url), else the source. */
  link: string | null;
  /** Its content, sanitised when stored. */
  contentHtml: string | null;
}

const TYPE_LABELS: Record<string, string> = { reply: 'Reply', mention: 'Mention', rsvp: 'RSVP', like: 'Like', repost: 'Repost', bookmark: 'Bookmark' };

export function mentionSemanticsView(m: Pick<Comment, 'kind' | 'title' | 'excerpt' | 'mention_type' | 'mention_rsvp' | 'mention_author_name' | 'mention_url' | 'source_url' | 'mention_content'>): MentionSemanticsView {
  const label = m.mention_type ? TYPE_LABELS[m.mention_type] ?? null : null;
  const link = [m.mention_url, m.source_url].find((u) => u && /^https?:\/\//i.test(u)) ?? null;
  return {
    typeLabel: label && m.mention_type === 'rsvp' && m.mention_rsvp ? `${label} ${m.mention_rsvp}` : label,
    author: m.mention_author_name || null,
    link,
    // A TrackBack carries the title and excerpt its sender chose: they are shown as WordPress shows them, in
    // place of the page's mf2 content (as its blog_name stands for the author's name).
    contentHtml: m.kind === 'trackback' && ((m.title ?? '').trim() || (m.excerpt ?? '').trim()) ? null : m.mention_content || null,
  };
}

const hostOf = (url: string | null): string => {
  try {
    return url ? new URL(url).hostname : '';
  } catch {
    return '';
  }
};

export function mentionParts(m: Pick<Comment, 'kind' | 'title' | 'author_name' | 'source_url' | 'excerpt'>): MentionParts {
  const title = (m.title ?? '').trim();
  const author = (m.author_name ?? '').trim();
  const fallback = hostOf(m.source_url) || 'A page elsewhere';
  const excerpt = (m.excerpt ?? '').trim();
  if (m.kind === 'trackback') {
    const name = author || title || fallback;
    return { name, title: title && title !== name && title !== m.source_url ? title : null, excerpt };
  }
  return { name: title || author || fallback, title: null, excerpt };
}
