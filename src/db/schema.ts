// Table types for Kysely. Timestamps are ISO-8601 UTC strings; booleans are 0/1 integers so SQLite and
// PostgreSQL read the same values.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** WordPress's roles; 'admin' is WordPress's administrator (src/users/capabilities.ts says what each may do). */
export type Role = 'admin' | 'editor' | 'author' | 'contributor';
export type PostStatus = 'draft' | 'pending' | 'published' | 'scheduled' | 'private' | 'trash';
export type CommentKind = 'comment' | 'pingback' | 'trackback' | 'webmention';
export type CommentStatus = 'pending' | 'approved' | 'spam' | 'trash';
export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  email: string;
  password_hash: string;
  role: Role;
  created_at: string;
  /** Profile (migration 0020): WordPress's description and user_url. */
  bio: Generated<string>;
  website: Generated<string>;
  /** Goes up when the password changes; a session signed in under an older value is signed out (migration 0020). */
  session_generation: Generated<number>;
}

export interface SessionsTable {
  sid: string;
  data: string;
  expires_at: string;
  /** The signed-in user, so their sessions can be ended together (migration 0021); null before sign-in. */
  user_id: ColumnType<number | null, number | null | undefined, number | null>;
}

/** Single-use links carried by mails (migration 0021): only a keyed hash of the token is kept. */
export interface MailTokensTable {
  id: Generated<number>;
  token_hash: string;
  /** comment.approve | comment.spam | comment.trash | password.reset */
  purpose: string;
  /** The comment or the user the link acts on. */
  subject_id: number;
  /** The links of one mail: using one spends them all. */
  group_key: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface PostsTable {
  id: Generated<number>;
  author_id: number;
  title: string;
  slug: string;
  /** The HTML as stored: sanitised for authors, as typed for admins (WordPress's unfiltered_html). */
  content: string;
  excerpt: string;
  status: PostStatus;
  /** Status to go back to when restored from the trash. */
  status_before_trash: PostStatus | null;
  /** The post's date: publication time, or the scheduled time. Null for drafts never dated. */
  published_at: string | null;
  created_at: string;
  updated_at: string;
  comment_status: 'open' | 'closed';
  ping_status: 'open' | 'closed';
  /** "Send trackbacks to": URLs separated by whitespace, as WordPress's to_ping. */
  to_ping: string;
  /** Per-post "Attempt to notify any blogs linked to from the post" (1/0). */
  notify_links: number;
  /** WordPress's _thumbnail_id: the featured image (migration 0011); null when none. */
  featured_media_id: Generated<number | null>;
  /** WordPress's post_type: 'post' or 'page' (migration 0014). */
  type: Generated<PostType>;
  /** A page's parent page; null for top-level pages and every post. */
  parent_id: Generated<number | null>;
  /** WordPress's menu_order: pages list and navigation menu order. */
  menu_order: Generated<number>;
  /** A page's whole path without slashes at the ends ("about/team"), kept by the posts service; null for posts. */
  page_path: Generated<string | null>;
  /** WordPress's post_password (migration 0015): empty when the post is not password-protected. */
  password: Generated<string>;
  /** Stuck to the top of the home page's first page (1/0), WordPress's sticky_posts (migration 0015). */
  sticky: Generated<number>;
  /** The content without its HTML, set by the write path; what the search index holds (migration 0016). */
  search_text: Generated<string>;
  /** How the author writes it (migration 0017): content is always the stored HTML; source is the Markdown. */
  format: Generated<'html' | 'markdown'>;
  source: Generated<string>;
  /** Approved readers' comments and approved linkbacks, WordPress's comment_count; kept by triggers on comments (migration 0019). */
  comment_count: Generated<number>;
  mention_count: Generated<number>;
  /** What the post answers (migration 0029, issue 19 point 4): an absolute http(s) URL each, '' for none. */
  in_reply_to: Generated<string>;
  like_of: Generated<string>;
  repost_of: Generated<string>;
}

/** A copy of the writing at each save (WordPress's revisions). */
export interface PostRevisionsTable {
  id: Generated<number>;
  post_id: number;
  author_id: number;
  title: string;
  content: string;
  excerpt: string;
  format: 'html' | 'markdown';
  source: string;
  created_at: string;
}

/** One autosave per user per post; post_id 0 for a post not yet saved. content is what was typed. */
export interface PostAutosavesTable {
  id: Generated<number>;
  user_id: number;
  post_id: number;
  title: string;
  content: string;
  excerpt: string;
  format: 'html' | 'markdown';
  updated_at: string;
}

export type PostType = 'post' | 'page';

export interface OldSlugsTable {
  id: Generated<number>;
  post_id: number;
  slug: string;
  created_at: string;
}

export interface CommentsTable {
  id: Generated<number>;
  post_id: number;
  kind: CommentKind;
  status: CommentStatus;
  status_before_trash: CommentStatus | null;
  author_name: string;
  author_email: string;
  author_url: string;
  content: string;
  /** Linkbacks: the page that links to us, the URL on our side it links to, its title and excerpt (plain text). */
  source_url: string | null;
  target_url: string | null;
  title: string | null;
  excerpt: string | null;
  ip: string;
  user_agent: string;
  created_at: string;
  updated_at: string;
  /** unverified | verified | failed | gone */
  verification_state: string;
  verified_at: string | null;
  verification_note: string | null;
  /** Why the moderation rules decided as they did (shown to admins). */
  moderation_reason: string | null;
  /** Readers' replies (migration 0018): the comment answered, and the top-level comment of its thread. */
  parent_id: ColumnType<number | null, number | null | undefined, number | null>;
  thread_id: ColumnType<number | null, number | null | undefined, number | null>;
  /**
   * Semantic linkbacks (migration 0027), read from the source's microformats2; null without mf2. The type is
   * post-type discovery's (reply, like, repost, bookmark, rsvp, mention); the content is sanitised HTML.
   */
  mention_type: NullableOnInsert<MentionType>;
  mention_rsvp: NullableOnInsert<string>;
  mention_url: NullableOnInsert<string>;
  mention_author_name: NullableOnInsert<string>;
  mention_author_url: NullableOnInsert<string>;
  mention_author_photo: NullableOnInsert<string>;
  mention_published: NullableOnInsert<string>;
  mention_content: NullableOnInsert<string>;
}

/** A column that may be left out of an insert (it is then null). */
type NullableOnInsert<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type MentionType = 'reply' | 'like' | 'repost' | 'bookmark' | 'rsvp' | 'mention';

export interface CommentEventsTable {
  id: Generated<number>;
  comment_id: number;
  at: string;
  event: string;
  detail: string;
}

export interface SettingsTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
}

export interface JobsTable {
  id: Generated<number>;
  type: string;
  /** JSON-encoded payload. */
  payload: string;
  status: JobStatus;
  run_at: string;
  attempts: number;
  max_attempts: number;
  /** Host the job talks to, for the per-host in-flight limit; null when none. */
  host: string | null;
  /** Unique while set: enqueueing the same key twice is a no-op. */
  dedupe_key: string | null;
  /** What the job is about ("post:12"), kept for its whole life so callers can look it up; null when none. */
  subject_key: string | null;
  locked_by: string | null;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveriesTable {
  id: Generated<number>;
  post_id: number;
  /**
   * link (found in the content), trackback (listed by the author), service (update service ping), hub (WebSub
   * publish, issue 19), delete (the Webmention re-sent when the post went to the trash, issue 19 point 3).
   */
  kind: 'link' | 'trackback' | 'service' | 'hub' | 'delete';
  target_url: string;
  protocol: string | null;
  endpoint: string | null;
  /** queued | no_endpoint | sent | retrying | failed | skipped | removed | internal */
  state: string;
  attempts: number;
  last_answer: string | null;
  next_attempt_at: string | null;
  location: string | null;
  /** 1 while the link is still in the post; 0 after the author removed it. A delete notice: 1 while it stands, 0 once the post was published again. */
  present: number;
  /** The job that sends it (migration 0002). */
  job_id: number | null;
  /** Why state is skipped: outbound_off | notify_off | denied | removed | user (migration 0002). */
  skip_reason: string | null;
  /** Runs that found the row still 'sending': the request may have landed (migration 0009, issue 18 point 3). */
  interrupted_sends: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface LoginFailuresTable {
  id: Generated<number>;
  ip: string;
  username: string;
  at: string;
}

/** Inbound Webmention requests and their verification state (queued | verified | failed), for the status page. */
export interface WebmentionRequestsTable {
  id: Generated<number>;
  token: string;
  source: string;
  target: string;
  post_id: number | null;
  state: 'queued' | 'verified' | 'failed';
  note: string | null;
  comment_id: number | null;
  ip: string;
  user_agent: string;
  created_at: string;
  updated_at: string;
}

/** Counter rows kept in step with comments and posts by triggers (migration 0005). */
export interface CommentCountsTable {
  status: string;
  kind: string;
  n: number;
}

export interface PostCountsTable {
  /** The post type (migration 0014). */
  type: string;
  author_id: number;
  status: string;
  comment_status: string;
  ping_status: string;
  n: number;
}

export interface PostArchiveMonthsTable {
  /** "YYYY-MM", the UTC month of published_at. */
  month: string;
  n: number;
}

/** One row (id 1): bumped by triggers on every write the public site shows (migrations/0006). */
export interface SiteGenerationTable {
  id: number;
  generation: number | string;
  changed_at: string;
}

/** Fixed-window counters shared by every instance (migration 0010): rate limits keyed by (bucket, key, window). */
export interface RateCountersTable {
  bucket: string;
  key: string;
  /** ISO-8601 start of the window. */
  window_start: string;
  n: number;
}

/** Short leases with an expiry, shared by every instance (migration 0010): fetch slots, pings being verified. */
export interface InboundLeasesTable {
  key: string;
  /** A random token per acquisition, so a holder releases only its own lease. */
  holder: string;
  /** ISO-8601; a lease past this is free (its holder may have crashed). */
  until: string;
}

/** One upload in the media library (migration 0011, issue 14). */
export interface MediaTable {
  id: Generated<number>;
  author_id: number;
  title: string;
  alt: string;
  caption: string;
  original_name: string;
  parent_id: number | null;
  mime: string;
  kind: 'image' | 'audio' | 'video' | 'document';
  path: string;
  month: string;
  bytes: number;
  width: number | null;
  height: number | null;
  state: 'processing' | 'ready';
  created_at: string;
  updated_at: string;
}

/** Every stored file of an upload, by public path: the original and each generated size. */
export interface MediaFilesTable {
  path: string;
  media_id: number;
  variant: string;
  mime: string;
  bytes: number;
  width: number | null;
  height: number | null;
}

/** File bytes when media live in the database: 256 KB per row, in order. */
export interface MediaChunksTable {
  path: string;
  seq: number;
  bytes: Uint8Array;
}

export type Taxonomy = 'category' | 'post_tag';

/** A category or a tag (migration 0013, issue 13): WordPress's terms and term_taxonomy in one row. */
export interface TermsTable {
  id: Generated<number>;
  taxonomy: Taxonomy;
  name: string;
  /** Unique within its taxonomy. */
  slug: string;
  description: Generated<string>;
  /** Categories only: the parent category; null at the top. */
  parent_id: number | null;
  /** Published posts filed under the term, kept by triggers. */
  count: Generated<number>;
  /** 1 for the default category ("Uncategorized"): renamable, never deleted. */
  is_default: Generated<number>;
}

/** A post filed under a term; published_at is the post's date while it is published (kept by triggers). */
export interface TermRelationshipsTable {
  post_id: number;
  term_id: number;
  published_at: Generated<string | null>;
}

/** A named password for XML-RPC clients (migration 0022, WordPress 5.6's application passwords): only its hash is kept. */
export interface ApplicationPasswordsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  password_hash: string;
  created_at: string;
  /** When and from where it last signed a client in; written at most once a minute (users/application-passwords.ts). */
  last_used_at: string | null;
  last_ip: string | null;
}

/** One WordPress object imported (migration 0024): what a second import of the same file matches on. */
export interface ImportMapTable {
  id: Generated<number>;
  source: string;
  kind: 'post' | 'comment' | 'term' | 'user' | 'media';
  wp_key: string;
  local_id: number;
}

/** An attachment fetched from the old site by a job (migration 0031). */
export interface ImportFetchesTable {
  id: Generated<number>;
  source: string;
  wp_id: number;
  run_id: number | null;
  url: string;
  /** _wp_attached_file: "2025/03/harbour-boats.png", what the old site's links name. */
  file: string;
  title: string;
  alt: string;
  caption: string;
  owner_id: number;
  wp_parent: number;
  /** The export's site and blog URLs (JSON array): the hosts its upload links are matched under. */
  site_urls: string;
  state: 'pending' | 'fetched' | 'failed';
  media_id: number | null;
  error: string | null;
  created_at: string;
  updated_at: string;
}

/** A post that links to (or features) an attachment still to be fetched. */
export interface ImportFetchUsesTable {
  id: Generated<number>;
  fetch_id: number;
  post_id: number;
  featured: number;
}

/** A WordPress address that answers 301 to the imported post (migration 0024). */
export interface OldPathsTable {
  id: Generated<number>;
  path: string;
  post_id: number;
}

/** One import started from the admin (migration 0024). */
export interface ImportRunsTable {
  id: Generated<number>;
  user_id: number;
  /** queued | running | done | failed */
  state: string;
  file_path: string;
  uploads_path: string | null;
  file_name: string;
  done: Generated<number>;
  total: Generated<number>;
  phase: Generated<string>;
  /** The report as JSON once finished. */
  report: string | null;
  /** What the administrator chose before it started (migration 0031): RunOptions as JSON, or null. */
  options: string | null;
  created_at: string;
  updated_at: string;
}

/** A linkback author's photo, fetched once per URL and served from our origin (migration 0030). */
export interface AuthorPhotosTable {
  url_hash: string;
  url: string;
  /** fetched | failed */
  state: string;
  key_64: string | null;
  key_128: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  mail_tokens: MailTokensTable;
  posts: PostsTable;
  old_slugs: OldSlugsTable;
  comments: CommentsTable;
  comment_events: CommentEventsTable;
  settings: SettingsTable;
  jobs: JobsTable;
  deliveries: DeliveriesTable;
  login_failures: LoginFailuresTable;
  webmention_requests: WebmentionRequestsTable;
  comment_counts: CommentCountsTable;
  post_counts: PostCountsTable;
  post_archive_months: PostArchiveMonthsTable;
  site_generation: SiteGenerationTable;
  rate_counters: RateCountersTable;
  inbound_leases: InboundLeasesTable;
  media: MediaTable;
  media_files: MediaFilesTable;
  media_chunks: MediaChunksTable;
  terms: TermsTable;
  term_relationships: TermRelationshipsTable;
  post_revisions: PostRevisionsTable;
  post_autosaves: PostAutosavesTable;
  application_passwords: ApplicationPasswordsTable;
  import_map: ImportMapTable;
  old_paths: OldPathsTable;
  import_runs: ImportRunsTable;
  author_photos: AuthorPhotosTable;
  import_fetches: ImportFetchesTable;
  import_fetch_uses: ImportFetchUsesTable;
}

export type User = Selectable<UsersTable>;
export type Post = Selectable<PostsTable>;
export type NewPost = Insertable<PostsTable>;
export type PostUpdate = Updateable<PostsTable>;
export type Comment = Selectable<CommentsTable>;
export type NewComment = Insertable<CommentsTable>;
export type Job = Selectable<JobsTable>;
export type MailToken = Selectable<MailTokensTable>;
export type Delivery = Selectable<DeliveriesTable>;
export type Media = Selectable<MediaTable>;
export type MediaFile = Selectable<MediaFilesTable>;
export type WebmentionRequest = Selectable<WebmentionRequestsTable>;
export type Term = Selectable<TermsTable>;
export type PostRevision = Selectable<PostRevisionsTable>;
export type PostAutosave = Selectable<PostAutosavesTable>;
export type ApplicationPassword = Selectable<ApplicationPasswordsTable>;
