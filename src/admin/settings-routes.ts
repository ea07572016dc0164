// General settings (Settings → General), admins only: validated with the one settings schema, plus a real
// IANA zone check for the timezone (the editor converts post dates with it).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireCapability } from '../http/auth.js';
import { settingsSchema } from '../settings/definitions.js';
import { loadSettings, saveSettings } from '../settings/repository.js';
import { inPlainWords } from '../plain-messages.js';
import { fieldErrors } from './form-values.js';
import { formText, inputOf } from '../http/input.js';
import { isValidTimeZone } from './local-time.js';
import { iconChoices, resolveSiteIcon } from './site-icon-field.js';
import { formCheckbox } from '../http/input.js';

const manageOptions = requireCapability('manage_options');

const GENERAL = ['site_title', 'tagline', 'site_url', 'posts_per_page', 'timezone', 'date_format', 'revisions_to_keep'] as const;

/** What the page calls each field, for messages such as "Tagline must be 300 characters or fewer". */
const trimmedText = formText.transform((v) => v.trim());
/** The general settings form, each field trimmed (http/input.ts: never throws). */
const generalForm = inputOf(Object.fromEntries(GENERAL.map((k) => [k, trimmedText])) as Record<(typeof GENERAL)[number], typeof trimmedText>);
/** Beside the general fields: the site icon (site-icon-field.ts) and search engine visibility (blog_public). */
const discoveryForm = inputOf({ site_icon: trimmedText, site_icon_media: trimmedText, blog_discourage: formCheckbox });
/** Issue 16: remote publishing (application passwords required for XML-RPC) and how long commenters' IPs are kept. */
const privacyForm = inputOf({ xmlrpc_require_application_passwords: formCheckbox, comment_ip_retention_days: trimmedText });
const retentionDays = z.string().regex(/^\d{0,5}$/, 'Enter a whole number of days, or leave it empty to keep them').transform((v) => (v === '' ? 0 : Number(v))).pipe(z.number().max(36500, 'At most 36500 days (100 years)'));
export const GENERAL_LABELS = { site_title: 'Site title', tagline: 'Tagline', site_url: 'Site address (URL)', posts_per_page: 'Posts per page', timezone: 'Timezone', date_format: 'Date format', revisions_to_keep: 'Revisions kept per post' };

const generalSchema = settingsSchema
  .pick({ site_title: true, tagline: true, site_url: true, posts_per_page: true, timezone: true, date_format: true, revisions_to_keep: true })
  .extend({
    timezone: z.string().refine(isValidTimeZone, 'Not a known timezone: use an IANA name such as Europe/Paris or UTC'),
    posts_per_page: z.coerce.number({ message: 'Enter a whole number' }).int('Enter a whole number').min(1, 'At least 1').max(100, 'At most 100'),
    // Issue 15: 0 keeps every revision (WordPress's default); a number prunes the oldest on each save.
    revisions_to_keep: z.coerce.number({ message: 'Enter a whole number' }).int('Enter a whole number').min(0, 'At least 0').max(1000, 'At most 1000'),
  });

/** Each format with a sample date, in PHP date() notation as WordPress shows it. */
export const DATE_FORMATS = [
  { value: 'F j, Y', sample: 'January 15, 2026' },
  { value: 'Y-m-d', sample: '2026-01-15' },
  { value: 'm/d/Y', sample: '01/15/2026' },
  { value: 'd/m/Y', sample: '15/01/2026' },
  { value: 'j F Y', sample: '15 January 2026' },
];

function zones(): string[] {
  const list = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return list.includes('UTC') ? list : ['UTC', ...list];
}

export async function settingsRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const render = async (reply: FastifyReply, values: Record<string, string>, errors: Record<string, string>, status = 200) =>
    reply.page('admin/settings', { title: 'General settings', values, errors, formats: DATE_FORMATS, zones: zones(), envSiteUrl: ctx.config.siteUrl, icons: await iconChoices(ctx) }, status);

  app.get('/admin/settings', { preHandler: manageOptions }, async (_request, reply) => {
    const s = await loadSettings(ctx.db);
    const discovery = { site_icon: s.site_icon, site_icon_media: '', blog_discourage: s.blog_public ? '' : '1' };
    const privacy = { xmlrpc_require_application_passwords: s.xmlrpc_require_application_passwords ? '1' : '', comment_ip_retention_days: s.comment_ip_retention_days ? String(s.comment_ip_retention_days) : '' };
    return render(reply, { ...Object.fromEntries(GENERAL.map((k) => [k, String(s[k])])), ...discovery, ...privacy }, {});
  });

  app.post('/admin/settings', { preHandler: [manageOptions, app.csrfProtection] }, async (request, reply) => {
    const discovery = discoveryForm.parse(request.body);
    const privacy = privacyForm.parse(request.body);
    const values: Record<string, string> = {
      ...generalForm.parse(request.body), site_icon: discovery.site_icon, site_icon_media: discovery.site_icon_media, blog_discourage: discovery.blog_discourage ? '1' : '',
      xmlrpc_require_application_passwords: privacy.xmlrpc_require_application_passwords ? '1' : '', comment_ip_retention_days: privacy.comment_ip_retention_days.slice(0, 20),
    };
    const parsed = generalSchema.safeParse(values, inPlainWords(GENERAL_LABELS));
    const icon = await resolveSiteIcon(ctx, discovery.site_icon_media, discovery.site_icon);
    const retention = retentionDays.safeParse(privacy.comment_ip_retention_days);
    if (!parsed.success || !icon.ok || !retention.success) {
      const errors = {
        ...(parsed.success ? {} : fieldErrors(parsed.error)), ...(icon.ok ? {} : { site_icon: icon.error }),
        ...(retention.success ? {} : { comment_ip_retention_days: retention.error.issues[0]?.message ?? 'Enter a whole number of days' }),
      };
      return render(reply, values, errors, 400);
    }
    await saveSettings(ctx.db, {
      ...parsed.data, site_url: parsed.data.site_url.replace(/\/+$/, ''), site_icon: icon.value, blog_public: !discovery.blog_discourage,
      xmlrpc_require_application_passwords: privacy.xmlrpc_require_application_passwords, comment_ip_retention_days: retention.data,
    });
    request.session.set('flash', 'Settings saved.');
    return reply.redirect('/admin/settings', 303);
  });
}
