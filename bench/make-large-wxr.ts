// `npx tsx bench/make-large-wxr.ts [MB] [out.xml]`: a large WordPress export for the import benchmark
// (bench/import.ts), made from the real WordPress 6.1 export in fixtures/wordpress: its channel, authors and
// terms as they are, then its posts (with their comments, pingbacks and trackbacks) copied over and over with
// new post, comment and slug numbers until the file reaches MB megabytes (default 200). Attachments, pages and
// the meta that points at them are left out: the copies need no uploads folder and no page tree. Written as it
// is made, so the generator itself stays small. The file goes to bench/data/ (ignored by git).
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { projectRoot } from '../src/paths.js';

const targetMb = Number(process.argv[2] ?? 200);
const out = process.argv[3] ?? join(projectRoot, 'bench', 'data', `large-${targetMb}mb.xml`);
if (!Number.isFinite(targetMb) || targetMb <= 0) {
  console.error('Usage: npx tsx bench/make-large-wxr.ts [MB] [out.xml]');
  process.exit(2);
}

const fixture = readFileSync(join(projectRoot, 'fixtures', 'wordpress', 'wxr-6.1-harbour.xml'), 'utf8');
const firstItem = fixture.indexOf('\t<item>');
const head = fixture.slice(0, firstItem);
const items = [...fixture.matchAll(/\t<item>[\s\S]*?<\/item>\n/g)].map((m) => m[0]);
// Posts only: pages have a parent tree and attachments need their files; the copies keep neither.
const templates = items
  .filter((item) => item.includes('<wp:post_type><![CDATA[post]]></wp:post_type>'))
  .map((item) => item.replace(/\t\t<wp:postmeta>\s*<wp:meta_key><!\[CDATA\[(?:_thumbnail_id|_edit_last)\]\]><\/wp:meta_key>[\s\S]*?<\/wp:postmeta>\n/g, ''));

/** Copy n of a template: every id and slug made unique, so the importer writes it as a new post. */
function copyOf(template: string, n: number, firstCommentId: number): { xml: string; comments: number } {
  const postId = 1_000 + n;
  const commentIds = new Map<string, number>();
  let next = firstCommentId;
  for (const m of template.matchAll(/<wp:comment_id>(\d+)<\/wp:comment_id>/g)) commentIds.set(m[1]!, next++);
  const xml = template
    .replace(/<wp:post_id>\d+<\/wp:post_id>/, `<wp:post_id>${postId}</wp:post_id>`)
    .replace(/<title><!\[CDATA\[(.*?)\]\]><\/title>/, (_, t: string) => `<title><![CDATA[${t} #${n}]]></title>`)
    .replace(/<wp:post_name><!\[CDATA\[(.*?)\]\]><\/wp:post_name>/, (_, s: string) => `<wp:post_name><![CDATA[${s ? `${s}-${n}` : ''}]]></wp:post_name>`)
    .replace(/<link>(.*?)<\/link>/, (_, l: string) => `<link>${l.replace(/\/$/, '')}-${n}/</link>`)
    .replace(/<guid isPermaLink="false">[^<]*<\/guid>/, `<guid isPermaLink="false">http://127.0.0.1:8081/?p=${postId}</guid>`)
    .replace(/(_wp_old_slug\]\]><\/wp:meta_key>\s*<wp:meta_value><!\[CDATA\[)([^\]]*)/g, (_, before: string, slug: string) => `${before}${slug}-${n}`)
    .replace(/<wp:comment_id>(\d+)<\/wp:comment_id>/g, (_, id: string) => `<wp:comment_id>${commentIds.get(id)}</wp:comment_id>`)
    .replace(/<wp:comment_parent>(\d+)<\/wp:comment_parent>/g, (_, id: string) => `<wp:comment_parent>${commentIds.get(id) ?? 0}</wp:comment_parent>`);
  return { xml, comments: commentIds.size };
}

mkdirSync(dirname(out), { recursive: true });
const stream = createWriteStream(out);
const write = async (text: string) => {
  if (!stream.write(text)) await once(stream, 'drain');
};
const target = targetMb * 1_048_576;
let bytes = Buffer.byteLength(head);
let posts = 0;
let comments = 0;
await write(head);
while (bytes < target) {
  const copy = copyOf(templates[posts % templates.length]!, posts, 1_000 + comments);
  await write(copy.xml);
  bytes += Buffer.byteLength(copy.xml);
  posts++;
  comments += copy.comments;
}
await write('</channel>\n</rss>\n');
stream.end();
await once(stream, 'finish');
console.log(`${out}: ${(bytes / 1_048_576).toFixed(1)} MB, ${posts} posts, ${comments} comments, pingbacks and trackbacks`);
