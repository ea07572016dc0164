// What the admin download and `npm run export` share: the site's settings and address read once, the file
// name WordPress would give it, and the stream of the document.
import type { Config } from '../config.js';
import type { Executor } from '../db/database.js';
import { loadSettings } from '../settings/repository.js';
import { siteUrl } from '../settings/site-url.js';
import { exportWxr } from './wxr-writer.js';
import { exportFileName } from './wxr-text.js';

export interface PreparedExport {
  fileName: string;
  chunks: AsyncGenerator<string>;
}

export async function prepareExport(db: Executor, config: Config, now: Date, opts: { includeSpam?: boolean; pageSize?: number } = {}): Promise<PreparedExport> {
  const settings = await loadSettings(db);
  return {
    fileName: exportFileName(settings.site_title, now),
    chunks: exportWxr(db, { siteUrl: siteUrl(config, settings), settings, now, includeSpam: opts.includeSpam, pageSize: opts.pageSize }),
  };
}
