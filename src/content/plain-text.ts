// A post's HTML as the words a reader sees, for the search index (posts.search_text, migration 0016): tags,
// comments (<!--more-->) and script/style bodies become spaces, so "</p><p>" never glues two words together
// and tag names, attributes and URLs in markup are not found by a search; entities are decoded.
import * as cheerio from 'cheerio';

export function plainText(html: string): string {
  const spaced = html
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]*>/g, ' ');
  return cheerio.load(spaced, null, false).text().replace(/\s+/g, ' ').trim();
}
