// Plain URLs in a reader's comment become links, as WordPress's make_clickable() does on comment_text, with
// rel="nofollow ugc" (wp_rel_ugc). Runs on HTML that sanitizeCommentHtml has already cleaned, so the text
// between tags is entity-escaped: a URL found there can go into href as it is. Text inside an existing <a>
// is left alone (those links got nofollow ugc from the sanitiser).
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"']+/gi;
/** Punctuation that ends a sentence rather than the URL ("see https://example.com/."). */
const TRAILING = /[.,;:!?)\]}]+$|&(?:gt|lt|quot|#39);?$/;

function linkText(text: string): string {
  return text.replace(URL_IN_TEXT, (found) => {
    let url = found;
    let rest = '';
    for (let m = TRAILING.exec(url); m && url.length > 8; m = TRAILING.exec(url)) {
      // A closing parenthesis that closes one inside the URL (Wikipedia's "Foo_(bar)") belongs to it.
      if (m[0] === ')' && (url.match(/\(/g)?.length ?? 0) >= (url.match(/\)/g)?.length ?? 0)) break;
      rest = m[0] + rest;
      url = url.slice(0, -m[0].length);
    }
    return `<a href="${url}" rel="nofollow ugc">${url}</a>${rest}`;
  });
}

export function linkPlainUrls(html: string): string {
  let inLink = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith('<')) {
        if (/^<a[\s>]/i.test(part)) inLink++;
        else if (/^<\/a\s*>/i.test(part)) inLink = Math.max(0, inLink - 1);
        return part;
      }
      return inLink ? part : linkText(part);
    })
    .join('');
}
