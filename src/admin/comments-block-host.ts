// "Spam and block host": most linkbacks are spam (wordpress-behaviour.md §5 item 1), so one click marks the
// selected linkbacks as spam and adds their source hosts to blocked_source_hosts, which refuses the next
// ones at the door (rules.ts rule 3) instead of queueing them again.
import type { AppContext } from '../context.js';
import { getSetting, saveSettings } from '../settings/repository.js';
import { moderateMany } from './comments-bulk.js';
import { hostInList, hostOf } from '../net/hosts.js';
import { isLinkbackKind } from '../comments/matching.js';
import { sourcesOf } from '../comments/moderation-repository.js';

export async function spamAndBlockHosts(ctx: AppContext, ids: number[], actor: string): Promise<{ changed: number[]; hosts: string[] }> {
  if (ids.length === 0) return { changed: [], hosts: [] };
  const rows = await sourcesOf(ctx.db, ids);
  const linkbacks = rows.filter((r) => isLinkbackKind(r.kind) && hostOf(r.source_url));
  const blocked = await getSetting(ctx.db, 'blocked_source_hosts');
  const hosts = [...new Set(linkbacks.map((r) => hostOf(r.source_url)!))].filter((h) => !hostInList(h, blocked));
  if (hosts.length) await saveSettings(ctx.db, { blocked_source_hosts: [...blocked, ...hosts] });
  const changed = await moderateMany(ctx, linkbacks.map((r) => r.id), 'spam', actor);
  return { changed, hosts };
}
