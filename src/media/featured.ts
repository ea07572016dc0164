// What the post editor shows for its featured image (issue 14 point 1).
import type { AppContext } from '../context.js';
import { loadSettings } from '../settings/repository.js';
import { mediaJson } from './admin-routes.js';
import { findMedia } from './repository.js';
import { rowIdFrom } from '../db/row-id.js';

export async function featuredItem(ctx: AppContext, id: string): Promise<ReturnType<typeof mediaJson> | null> {
  const mediaId = rowIdFrom(id);
  if (mediaId === null) return null;
  const media = await findMedia(ctx.db, mediaId);
  return media ? mediaJson(media, await loadSettings(ctx.db)) : null;
}
