// wp.getOptions and the status lists the WordPress apps read after signing in, to label the blog and offer
// the right choices. Read-only here: site settings change on the Settings page.
import { loadSettings } from './repository.js';
import { siteUrl } from './site-url.js';
import { login } from '../xmlrpc/credentials.js';
import { expectArity, stringParam } from '../xmlrpc/params.js';
import type { MethodRegistry } from '../xmlrpc/registry.js';

type Option = { desc: string; readonly: boolean; value: string | boolean };

/**
 * WordPress's software_version is get_bloginfo('version'), and clients compare it as a WordPress version to
 * decide which API calls they may make (the WordPress apps, MarsEdit). This is the WordPress release whose
 * XML-RPC answers this blog gives; software_name says which software it really is.
 */
export const WORDPRESS_API_VERSION = '6.7';

export function registerWpOptionsMethods(registry: MethodRegistry): void {
  registry.add('wp.getOptions', {
    help: 'wp.getOptions(blog_id, username, password, options?): the blog\'s name, URLs and software, read-only.',
    handler: async (call) => {
      expectArity(call.params, 3, 4);
      const wanted = call.params[3] === undefined ? null : call.params[3];
      const names = wanted === null ? null : (Array.isArray(wanted) ? wanted : [wanted]).map((n) => stringParam(n, 'options'));
      await login(call, call.params[1], call.params[2]);
      const settings = await loadSettings(call.ctx.db);
      const base = siteUrl(call.ctx.config, settings);
      const ro = (desc: string, value: string | boolean): Option => ({ desc, readonly: true, value });
      const all: Record<string, Option> = {
        software_name: ro('Software Name', 'Backtalk'),
        software_version: ro('Software Version', WORDPRESS_API_VERSION),
        blog_url: ro('WordPress Address (URL)', `${base}/`),
        home_url: ro('Site Address (URL)', `${base}/`),
        login_url: ro('Login Address (URL)', `${base}/admin/login`),
        admin_url: ro('The URL to the admin area', `${base}/admin`),
        blog_title: ro('Site Title', settings.site_title),
        blog_tagline: ro('Site Tagline', settings.tagline),
        time_zone: ro('Time Zone', '0'),
        timezone: ro('Time Zone', settings.timezone),
        date_format: ro('Date Format', settings.date_format),
        default_comment_status: ro('Allow people to submit comments on new posts', settings.default_comment_status),
        default_ping_status: ro('Allow link notifications from other blogs on new posts', settings.default_ping_status),
        post_thumbnail: ro('Post Thumbnail', false),
      };
      if (names === null) return all;
      return Object.fromEntries(names.filter((n) => Object.hasOwn(all, n)).map((n) => [n, all[n]]));
    },
  });

  const lists: Record<string, Record<string, string>> = {
    // get_post_statuses(): scheduling is done with a date, not chosen from this list.
    'wp.getPostStatusList': { draft: 'Draft', pending: 'Pending Review', private: 'Private', publish: 'Published' },
    'wp.getCommentStatusList': { hold: 'Unapproved', approve: 'Approved', spam: 'Spam', trash: 'Trash' },
    'wp.getPostFormats': { standard: 'Standard' },
  };
  for (const [name, value] of Object.entries(lists)) {
    registry.add(name, {
      help: `${name}(blog_id, username, password): the choices this blog offers.`,
      handler: async (call) => {
        expectArity(call.params, 3, 4);
        await login(call, call.params[1], call.params[2]);
        return value;
      },
    });
  }
}
