// reply.page(template, data, status): renders an eta view with what every page needs (site settings, the
// signed-in user, a CSRF token for admin forms), so routes pass only their own data.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppContext } from '../context.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { formatZoned } from '../content/zoned-time.js';
import { backFor, isAdminUrl } from './admin-error.js';
import { loadSessionUser } from './auth.js';
import { can, ROLE_LABEL, type Capability } from '../users/capabilities.js';

declare module 'fastify' {
  interface FastifyReply {
    page(template: string, data?: Record<string, unknown>, status?: number): Promise<FastifyReply>;
  }
}

/**
 * countPending is the comments feature's (the admin menu's "Comments (N)" badge); it is handed in by app.ts
 * so that this plumbing imports no feature.
 */
export function registerRender(app: FastifyInstance, ctx: AppContext, countPending: (db: AppContext['db']) => Promise<number>): void {
  app.decorateReply('page', async function page(this: FastifyReply, template: string, data: Record<string, unknown> = {}, status = 200) {
    const settings = await loadSettings(ctx.db);
    const request = this.request;
    // Every error page of an admin address is the admin layout's, with the way back (issue 16 point 4).
    if (template === 'error' && isAdminUrl(request.url)) {
      template = 'admin/error';
      // An error before the handlers ran (a body too large, say) has not loaded the user yet: the menu needs them.
      if (!request.user && request.session?.get('userId')) request.user = await loadSessionUser(ctx.db, request);
      data = { back: backFor(request), ...data };
    }
    // Only admin pages (and the login/setup forms under admin/) get a CSRF token: making one writes a session,
    // and a reader's page must cost no write, set no cookie and be the same bytes for everyone (issue 10
    // point 5). Public forms are protected without a session (comments/routes.ts).
    let csrfToken = '';
    if (template.startsWith('admin/') && (template !== 'admin/error' || request.user) && request.session && typeof this.generateCsrf === 'function') csrfToken = await this.generateCsrf();
    const pendingCount = can(request.user, 'moderate_comments') ? await countPending(ctx.db) : 0;
    // A one-time message set before a redirect (session.flash) is shown once, on the next page.
    const flash = request.session?.get('flash');
    if (flash) request.session.set('flash', undefined);
    this.code(status).header('content-type', 'text/html; charset=utf-8');
    return this.view(template, {
      site: settings,
      siteUrl: siteUrl(ctx.config, settings),
      user: request.user ?? null,
      // The admin layout's menu offers only what the role may do (src/users/capabilities.ts).
      can: (cap: Capability) => can(request.user, cap),
      roleLabel: request.user ? ROLE_LABEL[request.user.role] : '',
      csrfToken,
      pendingCount,
      path: request.url,
      flash: flash ?? null,
      // Every admin date in the site's timezone (issue 15): "2026-11-30 14:05".
      localTime: (iso: string | null | undefined) => formatZoned(iso, settings.timezone),
      ...data,
    });
  });
}
