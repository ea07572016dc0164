// Small WXR files for the import tests, written as WordPress 6.1's exporter writes them.
export interface TestItem {
  id: number;
  title: string;
  slug: string;
  status?: string;
  type?: string;
  date?: string;
  content?: string;
  link?: string;
  comments?: string[];
  meta?: Record<string, string>;
}

const cdata = (s: string) => `<![CDATA[${s}]]>`;

export function wxrItem(i: TestItem, site = 'http://old.example'): string {
  const date = i.date ?? '2024-05-01 10:00:00';
  const [d] = date.split(' ');
  const link = i.link ?? `${site}/${d!.replace(/-/g, '/')}/${i.slug}/`;
  const meta = Object.entries(i.meta ?? {}).map(([k, v]) => `<wp:postmeta><wp:meta_key>${cdata(k)}</wp:meta_key><wp:meta_value>${cdata(v)}</wp:meta_value></wp:postmeta>`).join('');
  return `<item><title>${cdata(i.title)}</title><link>${link}</link><dc:creator>${cdata('writer')}</dc:creator>
<guid isPermaLink="false">${site}/?p=${i.id}</guid><content:encoded>${cdata(i.content ?? '<p>Hello</p>')}</content:encoded><excerpt:encoded>${cdata('')}</excerpt:encoded>
<wp:post_id>${i.id}</wp:post_id><wp:post_date>${cdata(date)}</wp:post_date><wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
<wp:comment_status>${cdata('open')}</wp:comment_status><wp:ping_status>${cdata('open')}</wp:ping_status><wp:post_name>${cdata(i.slug)}</wp:post_name>
<wp:status>${cdata(i.status ?? 'publish')}</wp:status><wp:post_parent>0</wp:post_parent><wp:menu_order>0</wp:menu_order><wp:post_type>${cdata(i.type ?? 'post')}</wp:post_type>
<wp:post_password>${cdata('')}</wp:post_password><wp:is_sticky>0</wp:is_sticky>${meta}${(i.comments ?? []).join('')}</item>`;
}

export function wxrComment(c: { id: number; type?: string; url?: string; author?: string; content?: string; approved?: string; parent?: number }): string {
  return `<wp:comment><wp:comment_id>${c.id}</wp:comment_id><wp:comment_author>${cdata(c.author ?? 'Someone')}</wp:comment_author><wp:comment_author_email>${cdata('')}</wp:comment_author_email>
<wp:comment_author_url>${c.url ?? ''}</wp:comment_author_url><wp:comment_author_IP>${cdata('203.0.113.9')}</wp:comment_author_IP><wp:comment_date>${cdata('2024-05-02 10:00:00')}</wp:comment_date>
<wp:comment_date_gmt>${cdata('2024-05-02 10:00:00')}</wp:comment_date_gmt><wp:comment_content>${cdata(c.content ?? 'Nice')}</wp:comment_content><wp:comment_approved>${cdata(c.approved ?? '1')}</wp:comment_approved>
<wp:comment_type>${cdata(c.type ?? 'comment')}</wp:comment_type><wp:comment_parent>${c.parent ?? 0}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>`;
}

export function wxrFile(items: string[], site = 'http://old.example', extraChannel = ''): string {
  return `<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old blog</title><link>${site}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>${site}</wp:base_site_url><wp:base_blog_url>${site}</wp:base_blog_url>
<wp:author><wp:author_id>2</wp:author_id><wp:author_login>${cdata('writer')}</wp:author_login><wp:author_email>${cdata('writer@old.example')}</wp:author_email><wp:author_display_name>${cdata('The Writer')}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>
${extraChannel}${items.join('\n')}
</channel></rss>`;
}
