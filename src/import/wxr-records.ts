// What a WordPress export (WXR 1.0–1.2, wp-admin/includes/export.php) holds, as plain values: the reader
// (wxr-reader.ts) yields these one at a time, the importer consumes them. Field names follow the file's.

export interface WxrSite {
  /** wp:wxr_version: 1.0, 1.1 or 1.2. */
  version: string;
  title: string;
  link: string;
  baseSiteUrl: string;
  baseBlogUrl: string;
}

export interface WxrAuthor {
  id: number | null;
  login: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
}

/** A wp:category, wp:tag or wp:term (WordPress 6.1 writes each category and tag twice: see the fixture's notes). */
export interface WxrTerm {
  taxonomy: string;
  slug: string;
  name: string;
  /** The parent's slug ('' at the top). */
  parent: string;
  description: string;
}

export interface WxrComment {
  id: number;
  author: string;
  email: string;
  url: string;
  ip: string;
  date: string;
  dateGmt: string;
  content: string;
  /** wp:comment_approved: '1', '0', 'spam', 'trash', 'post-trashed'. */
  approved: string;
  /** '' or 'comment' for readers' comments, 'pingback', 'trackback'. */
  type: string;
  parent: number;
  userId: number;
}

export interface WxrItem {
  title: string;
  link: string;
  creator: string;
  guid: string;
  content: string;
  excerpt: string;
  postId: number;
  postDate: string;
  postDateGmt: string;
  /** wp:post_modified_gmt (WXR 1.2 files of WordPress 4.x and later); '' when absent. */
  postModifiedGmt: string;
  commentStatus: string;
  pingStatus: string;
  postName: string;
  status: string;
  postParent: number;
  menuOrder: number;
  postType: string;
  password: string;
  isSticky: boolean;
  attachmentUrl: string;
  /** <category domain="category|post_tag|…" nicename="slug">Name</category> */
  terms: { domain: string; slug: string; name: string }[];
  meta: { key: string; value: string }[];
  comments: WxrComment[];
}

export type WxrRecord = { kind: 'site'; site: WxrSite } | { kind: 'author'; author: WxrAuthor } | { kind: 'term'; term: WxrTerm } | { kind: 'item'; item: WxrItem };

export type WxrProblem = 'not_wxr' | 'truncated' | 'malformed' | 'doctype' | 'too_large' | 'unsupported_version';

/** A file the importer cannot read, with a sentence a blogger understands. */
export class WxrError extends Error {
  constructor(
    readonly problem: WxrProblem,
    message: string,
  ) {
    super(message);
    this.name = 'WxrError';
  }
}

export const metaValue = (item: WxrItem, key: string): string | undefined => item.meta.find((m) => m.key === key)?.value;
export const metaValues = (item: WxrItem, key: string): string[] => item.meta.filter((m) => m.key === key).map((m) => m.value);
