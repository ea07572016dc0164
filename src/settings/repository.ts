// Reads and writes the settings table. Values are JSON; unknown or invalid stored values fall back to the
// default so a bad row can never take the site down.
import type { Executor } from '../db/database.js';
import { memoByGeneration } from '../cache/by-generation.js';
import { defaultSettings, settingsSchema, type SettingKey, type Settings } from './definitions.js';

/** Every setting, from memory while the site generation has not moved (cache/by-generation.ts). */
export async function loadSettings(db: Executor): Promise<Settings> {
  // A copy: callers may adjust what they were given without touching the shared value.
  return { ...(await memoByGeneration(db, 'settings', () => readSettings(db))) };
}

async function readSettings(db: Executor): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored: Record<string, unknown> = {};
  for (const r of rows) {
    try {
      stored[r.key] = JSON.parse(r.value);
    } catch {
      /* ignore a corrupt row: default wins */
    }
  }
  const merged: Record<string, unknown> = { ...defaultSettings };
  for (const key of Object.keys(defaultSettings) as SettingKey[]) {
    if (!(key in stored)) continue;
    const one = settingsSchema.shape[key].safeParse(stored[key]);
    if (one.success) merged[key] = one.data;
  }
  return merged as Settings;
}

export async function getSetting<K extends SettingKey>(db: Executor, key: K): Promise<Settings[K]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  if (!row) return defaultSettings[key];
  try {
    const one = settingsSchema.shape[key].safeParse(JSON.parse(row.value));
    return (one.success ? one.data : defaultSettings[key]) as Settings[K];
  } catch {
    return defaultSettings[key];
  }
}

/** Saves already-validated values (validate with settingsSchema.partial() at the edge). */
export async function saveSettings(db: Executor, values: Partial<Settings>): Promise<void> {
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    await db
      .insertInto('settings')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
      .execute();
  }
}
