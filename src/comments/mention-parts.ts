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
