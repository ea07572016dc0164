// Streaming WXR reader (issue 17 point 1): the file is fed to saxes a chunk at a time and each author, term
// and item is yielded as soon as its closing tag is read, so a 200 MB export is never held whole. A DOCTYPE
// is refused outright (no entity declarations, so no "billion laughs" expansion); saxes itself knows only the
// five XML entities and refuses any other. A file that ends before </rss> is reported as truncated.
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { WxrError, type WxrAuthor, type WxrComment, type WxrItem, type WxrRecord, type WxrSite, type WxrTerm } from './wxr-records.js';

/** One field (a post's content, say) larger than this is refused rather than held in memory. */
export const MAX_FIELD_CHARS = 32 * 1024 * 1024;
const VERSIONS = new Set(['1.0', '1.1', '1.2']);

type Fields = Record<string, string>;
interface Scope {
  name: string;
  fields: Fields;
  terms?: WxrItem['terms'];
  meta?: WxrItem['meta'];
  comments?: WxrComment[];
}

const num = (s: string | undefined) => (s && /^\s*-?\d+\s*$/.test(s) ? Number(s) : 0);
const str = (f: Fields, k: string) => (f[k] ?? '').trim();

class WxrParser {
  readonly out: WxrRecord[] = [];
  private sax = new SaxesParser({ position: true });
  private stack: string[] = [];
  private scopes: Scope[] = [];
  private channel: Fields = {};
  private text = '';
  private siteSent = false;
  private closed = false;
  private failure: WxrError | null = null;

  constructor() {
    this.sax.on('doctype', () => this.fail(new WxrError('doctype', 'The file declares a DOCTYPE. WordPress exports never do, and a DOCTYPE can hide entity expansions (an "entity bomb"), so the file was refused.')));
    this.sax.on('error', (e) => this.fail(new WxrError('malformed', `The file is not well-formed XML: ${e.message}`)));
    this.sax.on('opentag', (tag) => this.open(tag as SaxesTagPlain));
    this.sax.on('closetag', (tag) => this.close(tag.name));
    this.sax.on('text', (t) => this.addText(t));
    this.sax.on('cdata', (t) => this.addText(t));
  }

  write(chunk: string): void {
    if (this.failure) throw this.failure;
    this.sax.write(chunk);
    if (this.failure) throw this.failure;
  }

  end(): void {
    if (this.failure) throw this.failure;
    if (!this.closed) {
      if (this.stack.length === 0 && !this.siteSent) throw new WxrError('not_wxr', 'The file is empty or is not a WordPress export (no <rss> element).');
      throw new WxrError('truncated', `The file ends before the export does (inside <${this.stack.at(-1) ?? 'rss'}>, line ${this.sax.line}): it was cut short while downloading or uploading. Export again and retry.`);
    }
    this.sax.close();
    if (this.failure) throw this.failure;
  }

  private fail(error: WxrError): void {
    this.failure ??= error;
  }

  private addText(t: string): void {
    if (this.text.length + t.length > MAX_FIELD_CHARS) return this.fail(new WxrError('too_large', `A field near line ${this.sax.line} is larger than ${MAX_FIELD_CHARS / 1048576} MB; the file was refused.`));
    this.text += t;
  }

  private open(tag: SaxesTagPlain): void {
    const depth = this.stack.length;
    this.stack.push(tag.name);
    this.text = '';
    if (depth === 0 && tag.name !== 'rss') return this.fail(new WxrError('not_wxr', `This is not a WordPress export: its root element is <${tag.name}>, not <rss>.`));
    if (depth === 2 && this.stack[1] === 'channel' && ['item', 'wp:author', 'wp:category', 'wp:tag', 'wp:term'].includes(tag.name)) {
      this.sendSite();
      this.scopes = [{ name: tag.name, fields: {}, terms: [], meta: [], comments: [] }];
      return;
    }
    const scope = this.scopes[0];
    if (!scope) return;
    if (tag.name === 'wp:postmeta' || tag.name === 'wp:comment' || tag.name === 'wp:commentmeta') this.scopes.push({ name: tag.name, fields: {} });
    else if (tag.name === 'category' && scope.name === 'item' && this.scopes.length === 1) {
      const a = tag.attributes as Record<string, string>;
      this.scopes.push({ name: 'category', fields: { domain: a.domain ?? 'category', nicename: a.nicename ?? '' } });
    }
  }

  private close(name: string): void {
    this.stack.pop();
    const depth = this.stack.length;
    const text = this.text;
    this.text = '';
    if (depth === 0) {
      if (!this.siteSent) this.sendSite();
      this.closed = true;
      return;
    }
    const scope = this.scopes.at(-1);
    if (!scope) {
      if (depth === 2 && this.stack[1] === 'channel') this.channel[name] = text;
      return;
    }
    if (this.scopes.length > 1 && name === scope.name) {
      this.scopes.pop();
      const owner = this.scopes[0]!;
      if (name === 'category') owner.terms!.push({ domain: scope.fields.domain!, slug: scope.fields.nicename!, name: text.trim() });
      else if (name === 'wp:postmeta') owner.meta!.push({ key: str(scope.fields, 'wp:meta_key'), value: scope.fields['wp:meta_value'] ?? '' });
      else if (name === 'wp:comment') owner.comments!.push(toComment(scope.fields));
      return;
    }
    if (this.scopes.length === 1 && depth === 2) {
      this.out.push(toRecord(scope));
      this.scopes = [];
      return;
    }
    scope.fields[name] = text;
  }

  private sendSite(): void {
    if (this.siteSent) return;
    this.siteSent = true;
    const version = str(this.channel, 'wp:wxr_version');
    if (!version) return this.fail(new WxrError('not_wxr', 'This RSS file is not a WordPress export: it has no <wp:wxr_version>. Export from WordPress with Tools → Export.'));
    if (!VERSIONS.has(version)) return this.fail(new WxrError('unsupported_version', `This export is WXR version ${version}; Backtalk reads versions 1.0 to 1.2.`));
    const site: WxrSite = {
      version,
      title: str(this.channel, 'title'),
      link: str(this.channel, 'link'),
      baseSiteUrl: str(this.channel, 'wp:base_site_url') || str(this.channel, 'link'),
      baseBlogUrl: str(this.channel, 'wp:base_blog_url') || str(this.channel, 'wp:base_site_url') || str(this.channel, 'link'),
    };
    this.out.push({ kind: 'site', site });
  }
}

function toComment(f: Fields): WxrComment {
  return {
    id: num(f['wp:comment_id']),
    author: f['wp:comment_author'] ?? '',
    email: str(f, 'wp:comment_author_email'),
    url: str(f, 'wp:comment_author_url'),
    ip: str(f, 'wp:comment_author_IP'),
    date: str(f, 'wp:comment_date'),
    dateGmt: str(f, 'wp:comment_date_gmt'),
    content: f['wp:comment_content'] ?? '',
    approved: str(f, 'wp:comment_approved'),
    type: str(f, 'wp:comment_type'),
    parent: num(f['wp:comment_parent']),
    userId: num(f['wp:comment_user_id']),
  };
}

function toRecord(scope: Scope): WxrRecord {
  const f = scope.fields;
  if (scope.name === 'wp:author') {
    const author: WxrAuthor = { id: f['wp:author_id'] ? num(f['wp:author_id']) : null, login: str(f, 'wp:author_login'), email: str(f, 'wp:author_email'), displayName: str(f, 'wp:author_display_name'), firstName: str(f, 'wp:author_first_name'), lastName: str(f, 'wp:author_last_name') };
    return { kind: 'author', author };
  }
  if (scope.name !== 'item') return { kind: 'term', term: toTerm(scope.name, f) };
  const item: WxrItem = {
    title: f.title ?? '',
    link: str(f, 'link'),
    creator: str(f, 'dc:creator'),
    guid: str(f, 'guid'),
    content: f['content:encoded'] ?? '',
    excerpt: f['excerpt:encoded'] ?? '',
    postId: num(f['wp:post_id']),
    postDate: str(f, 'wp:post_date'),
    postDateGmt: str(f, 'wp:post_date_gmt'),
    postModifiedGmt: str(f, 'wp:post_modified_gmt'),
    commentStatus: str(f, 'wp:comment_status'),
    pingStatus: str(f, 'wp:ping_status'),
    postName: str(f, 'wp:post_name'),
    status: str(f, 'wp:status'),
    postParent: num(f['wp:post_parent']),
    menuOrder: num(f['wp:menu_order']),
    postType: str(f, 'wp:post_type') || 'post',
    password: f['wp:post_password'] ?? '',
    isSticky: str(f, 'wp:is_sticky') === '1',
    attachmentUrl: str(f, 'wp:attachment_url'),
    terms: scope.terms!,
    meta: scope.meta!,
    comments: scope.comments!,
  };
  return { kind: 'item', item };
}

function toTerm(element: string, f: Fields): WxrTerm {
  if (element === 'wp:category') return { taxonomy: 'category', slug: str(f, 'wp:category_nicename'), name: str(f, 'wp:cat_name'), parent: str(f, 'wp:category_parent'), description: f['wp:category_description'] ?? '' };
  if (element === 'wp:tag') return { taxonomy: 'post_tag', slug: str(f, 'wp:tag_slug'), name: str(f, 'wp:tag_name'), parent: '', description: f['wp:tag_description'] ?? '' };
  return { taxonomy: str(f, 'wp:term_taxonomy'), slug: str(f, 'wp:term_slug'), name: str(f, 'wp:term_name'), parent: str(f, 'wp:term_parent'), description: f['wp:term_description'] ?? '' };
}

/**
 * Yields the records of a WXR file in file order; throws WxrError for a file that is not one, is cut short,
 * or carries a DOCTYPE. `onBytes` hears how many bytes have been read so far (for progress).
 */
export async function* readWxr(input: AsyncIterable<Buffer | string>, onBytes?: (n: number) => void): AsyncGenerator<WxrRecord> {
  const parser = new WxrParser();
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  for await (const chunk of input) {
    bytes += chunk.length;
    parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    onBytes?.(bytes);
    yield* parser.out.splice(0);
  }
  parser.write(decoder.decode());
  parser.end();
  yield* parser.out.splice(0);
}
