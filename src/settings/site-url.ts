// The public base URL: the Settings page's value when set, else SITE_URL from the environment.
import type { Config } from '../config.js';
import type { Executor } from '../db/database.js';
import type { Settings } from './definitions.js';
import { getSetting } from './repository.js';

export function siteUrl(config: Config, settings: Pick<Settings, 'site_url'>): string {
  return (settings.site_url || config.siteUrl).replace(/\/+$/, '');
}

export async function loadSiteUrl(db: Executor, config: Config): Promise<string> {
  return siteUrl(config, { site_url: await getSetting(db, 'site_url') });
}
