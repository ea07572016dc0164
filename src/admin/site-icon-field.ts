// The site icon on Settings → General: an image chosen from the media library (its square thumbnail, the
// size a browser tab needs) or an address typed in, as WordPress's Site Icon picker offers. The library list
// is the newest images only, one indexed page (media_kind_id).
import type { AppContext } from '../context.js';
import { findMedia, mediaLibraryPage } from '../media/repository.js';
import { thumbnailUrl } from '../media/markup.js';
import { loadSettings } from '../settings/repository.js';
import { settingsSchema } from '../settings/definitions.js';

/** How many of the newest images the picker lists (older ones: paste the address from the Media screen). */
export const ICON_CHOICES = 40;

export interface IconChoice {
  id: number;
  title: string;
  url: string;
}

export async function iconChoices(ctx: AppContext): Promise<IconChoice[]> {
  const settings = await loadSettings(ctx.db);
  const images = await mediaLibraryPage(ctx.db, { kind: 'image', offset: 0, limit: ICON_CHOICES });
  return images.map((m) => ({ id: m.id, title: m.title || m.original_name, url: thumbnailUrl(m, settings) }));
}

export type IconOutcome = { ok: true; value: string } | { ok: false; error: string };

/** The icon to save: the chosen library image wins over the typed address; both empty removes the icon. */
export async function resolveSiteIcon(ctx: AppContext, mediaChoice: string, typed: string): Promise<IconOutcome> {
  if (mediaChoice) {
    const media = /^\d{1,12}$/.test(mediaChoice) ? await findMedia(ctx.db, Number(mediaChoice)) : undefined;
    if (!media || media.kind !== 'image') return { ok: false, error: 'That image is no longer in the media library; choose another one.' };
    return { ok: true, value: thumbnailUrl(media, await loadSettings(ctx.db)) };
  }
  const parsed = settingsSchema.shape.site_icon.safeParse(typed.trim());
  if (!parsed.success) return { ok: false, error: 'Site icon must be an http(s) address, or a file of the media library (/uploads/…).' };
  return { ok: true, value: parsed.data };
}
