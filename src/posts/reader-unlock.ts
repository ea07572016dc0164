// Which protected posts this reader has unlocked, for every page that shows posts (the post page, the home
// page, date, author and term archives), as WordPress's post_password_required reads the wp-postpass cookie
// wherever a post is shown. A request carrying that cookie is never answered from, nor stored in, the shared
// page cache (cache/cacheable-request.ts), so one reader's unlocked listing is never served to another.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../context.js';
import type { Settings } from '../settings/definitions.js';
import { siteUrl } from '../settings/site-url.js';
import { postpassCookieName, unlocks } from './post-password.js';
import type { Unlocked } from './public-service.js';

export function readerUnlocks(ctx: AppContext, request: FastifyRequest, settings: Settings): Unlocked {
  const value = request.cookies?.[postpassCookieName(siteUrl(ctx.config, settings))];
  if (!value) return () => false;
  return (post) => unlocks(ctx.config.sessionSecret, post, value);
}
