// Settings → Media (issue 14), admins only: the upload cap, whether SVG is allowed, WebP copies and the three
// image sizes, validated with the one settings schema; a refused form comes back as typed.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { requireCapability } from '../http/auth.js';
import { fieldErrors } from '../admin/form-values.js';
import { formCheckbox, formText, inputOf } from '../http/input.js';
import { inPlainWords } from '../plain-messages.js';
import { loadSettings, saveSettings } from '../settings/repository.js';

const manageOptions = requireCapability('manage_options');

const NUMBERS = ['media_max_upload_mb', 'thumbnail_size', 'medium_size', 'large_size'] as const;

/** The form as the route reads it (http/input.ts: never throws); mediaSchema then says what is wrong. */
const mediaFormSchema = inputOf({
  media_max_upload_mb: formText.transform((v) => v.trim()),
  thumbnail_size: formText.transform((v) => v.trim()),
  medium_size: formText.transform((v) => v.trim()),
  large_size: formText.transform((v) => v.trim()),
  media_allow_svg: formCheckbox,
  media_webp: formCheckbox,
});
const LABELS = { media_max_upload_mb: 'Largest upload (MB)', thumbnail_size: 'Thumbnail size', medium_size: 'Medium size', large_size: 'Large size', media_allow_svg: 'Allow SVG', media_webp: 'WebP copies' };

const whole = (min: number, max: number) => z.coerce.number({ message: 'Enter a whole number' }).int('Enter a whole number').min(min, `At least ${min}`).max(max, `At most ${max}`);
const mediaSchema = z.object({
  media_max_upload_mb: whole(1, 1024),
  thumbnail_size: whole(16, 1000),
  medium_size: whole(16, 4000),
  large_size: whole(16, 8000),
  media_allow_svg: z.boolean(),
  media_webp: z.boolean(),
});

export function mediaSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const render = (reply: FastifyReply, values: Record<string, string | boolean>, errors: Record<string, string>, status = 200) =>
    reply.page('admin/media-settings', { title: 'Media settings', activeMenu: '/admin/settings/media', values, errors }, status);

  app.get('/admin/settings/media', { preHandler: manageOptions }, async (_request, reply) => {
    const s = await loadSettings(ctx.db);
    return render(reply, { ...Object.fromEntries(NUMBERS.map((k) => [k, String(s[k])])), media_allow_svg: s.media_allow_svg, media_webp: s.media_webp }, {});
  });

  app.post('/admin/settings/media', { preHandler: [manageOptions, app.csrfProtection] }, async (request, reply) => {
    const values = mediaFormSchema.parse(request.body);
    const parsed = mediaSchema.safeParse(values, inPlainWords(LABELS));
    if (!parsed.success) return render(reply, values, fieldErrors(parsed.error), 400);
    await saveSettings(ctx.db, parsed.data);
    request.session.set('flash', 'Media settings saved. New sizes apply to images uploaded from now on.');
    return reply.redirect('/admin/settings/media', 303);
  });
}
