// Every site setting, its type and default, in one place. Names follow WordPress's options where one exists
// (wordpress-behaviour.md §3.4); `appliesTo` tells the settings page whether a change reaches existing posts.
import { z } from 'zod';

/** WordPress's "Common settings" on Settings → Permalinks, in its own notation. */
export const PERMALINK_STRUCTURES = ['/%year%/%monthnum%/%day%/%postname%/', '/%year%/%monthnum%/%postname%/', '/%postname%/', '/archives/%post_id%/'] as const;
export type PermalinkStructure = (typeof PERMALINK_STRUCTURES)[number];

const hostList = z.array(z.string().min(1).max(253)).default([]);
const lines = z.array(z.string().min(1).max(500)).default([]);

export const settingsSchema = z.object({
  // General (Settings → General)
  site_title: z.string().trim().min(1, 'Site title is required').max(200).default('Backtalk'),
  tagline: z.string().trim().max(300).default('Just another Backtalk blog'),
  /** Empty means "use SITE_URL from the environment". */
  site_url: z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'Site URL must be an absolute http(s) URL' })]).default(''),
  posts_per_page: z.coerce.number().int().min(1, 'At least 1').max(100, 'At most 100').default(10),
  timezone: z.string().min(1).default('UTC'),
  date_format: z.enum(['F j, Y', 'Y-m-d', 'm/d/Y', 'd/m/Y', 'j F Y']).default('F j, Y'),
  /**
   * The site icon (favicon): an absolute http(s) URL or a path on this site (a media library file under
   * /uploads/); empty for none. WordPress keeps an attachment id (site_icon); a URL also covers icons
   * hosted elsewhere.
   */
  site_icon: z.union([z.literal(''), z.string().regex(/^\/uploads\/[^\s"<>\\]+$/), z.url({ protocol: /^https?$/ })]).default(''),

  // Reading: "Search engine visibility". False is WordPress's blog_public = 0 ("Discourage search engines
  // from indexing this site"): robots.txt disallows everything, every page says noindex, no sitemap.
  blog_public: z.boolean().default(true),

  // Permalinks and Reading (issue 13): WordPress's common permalink structures, as its option stores them;
  // what the home page shows (show_on_front, page_on_front, page_for_posts: 0 is "none", as WordPress);
  // whether the theme shows a menu of the top-level pages.
  permalink_structure: z.enum(PERMALINK_STRUCTURES).default('/%year%/%monthnum%/%day%/%postname%/'),
  show_on_front: z.enum(['posts', 'page']).default('posts'),
  page_on_front: z.coerce.number().int().min(0).default(0),
  page_for_posts: z.coerce.number().int().min(0).default(0),
  pages_menu: z.boolean().default(true),

  // Writing (issue 15): how many revisions each post keeps, oldest pruned first; 0 keeps every one, as
  // WordPress does by default (WP_POST_REVISIONS).
  revisions_to_keep: z.coerce.number().int().min(0, 'At least 0').max(1000, 'At most 1000').default(0),

  // Discussion: outbound
  default_pingback_flag: z.boolean().default(true),
  update_services: z.array(z.url({ protocol: /^https?$/ })).default([]),
  /** WebSub hubs (issue 19): the main feeds advertise them, and each publish or update of a post notifies them. */
  websub_hubs: z.array(z.url({ protocol: /^https?$/ })).default([]),
  outbound_deny_hosts: hostList,
  /** Off switch for staging copies: nothing leaves the site while false. */
  outbound_enabled: z.boolean().default(true),
  /** Links to our own posts become approved internal pingbacks without an HTTP round trip. */
  internal_pingbacks: z.boolean().default(true),

  // Discussion: defaults for new posts (they apply to new posts only)
  default_ping_status: z.enum(['open', 'closed']).default('open'),
  default_comment_status: z.enum(['open', 'closed']).default('open'),

  // Discussion: rules for every new comment and linkback
  require_name_email: z.boolean().default(true),
  close_comments_for_old_posts: z.boolean().default(false),
  close_comments_days_old: z.coerce.number().int().min(1).max(36500).default(14),
  comment_moderation: z.boolean().default(false),
  comment_previously_approved: z.boolean().default(true),
  comment_max_links: z.coerce.number().int().min(0).max(1000).default(2),
  moderation_keys: lines,
  disallowed_keys: lines,
  trusted_source_hosts: hostList,
  blocked_source_hosts: hostList,

  // Discussion: "Email me whenever" (issue 16 point 3), WordPress's comments_notify and moderation_notify,
  // both on by default as in WordPress: anyone posts a comment (to the post's author) and a comment or
  // linkback is held for moderation (to administrators and editors). Mail goes out from a job (src/mail/).
  comments_notify: z.boolean().default(true),
  moderation_notify: z.boolean().default(true),

  // Discussion: how readers' comments are shown (issue 16 point 1), as WordPress's Discussion settings.
  // Comments are always paged (WordPress lets page_comments be off): a post page reads a bounded number.
  thread_comments: z.boolean().default(true),
  thread_comments_depth: z.coerce.number().int().min(2).max(10).default(5),
  comments_per_page: z.coerce.number().int().min(1).max(200).default(50),
  /** Which page a post shows first: 'newest' (the last page, WordPress's default) or 'oldest'. */
  default_comments_page: z.enum(['newest', 'oldest']).default('newest'),
  /** Within a page: older comments at the top ('asc', WordPress's default) or newer. */
  comment_order: z.enum(['asc', 'desc']).default('asc'),
  /** Avatars are drawn locally from a keyed hash of the email; Gravatar (a request to a third party) only when on. */
  use_gravatar: z.boolean().default(false),

  // Remote publishing (issue 16 point 5): when on, XML-RPC takes application passwords only and refuses the
  // account password as a wrong one. Off by default, as WordPress, so existing clients keep working.
  xmlrpc_require_application_passwords: z.boolean().default(false),
  // Privacy (issue 16 point 6): days commenters' IP addresses are kept before the retention job blanks them;
  // 0 keeps them for ever (WordPress keeps them for ever).
  comment_ip_retention_days: z.coerce.number().int().min(0).max(36500).default(0),

  // Inbound linkbacks
  trackback_verify_source: z.boolean().default(true),
  reverify_interval_days: z.coerce.number().int().min(0).max(365).default(7),
  /** Semantic linkbacks (issue 19): a mention's mf2 content is kept up to this many characters. */
  mention_content_length: z.coerce.number().int().min(50).max(5000).default(500),

  // Media (issue 14): the upload cap, SVG (refused unless allowed), and the sizes made for every image,
  // named and sized as WordPress's thumbnail (cropped square), medium and large; optional WebP copies.
  media_max_upload_mb: z.coerce.number().int().min(1).max(1024).default(20),
  media_allow_svg: z.boolean().default(false),
  media_webp: z.boolean().default(false),
  thumbnail_size: z.coerce.number().int().min(16).max(1000).default(150),
  medium_size: z.coerce.number().int().min(16).max(4000).default(300),
  large_size: z.coerce.number().int().min(16).max(8000).default(1024),
});

export type Settings = z.infer<typeof settingsSchema>;
export type SettingKey = keyof Settings;

export const defaultSettings: Settings = settingsSchema.parse({});
