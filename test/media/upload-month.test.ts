// Issue 15 point 5: every date on every admin screen in the site's timezone, the Media screen's month filter
// and upload folders included (WordPress files uploads by current_time(), the site's local month).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { ManualClock } from '../support/clock.js';
import { signIn } from '../support/session.js';
import { saveSettings } from '../../src/settings/repository.js';
import { png, upload } from './helpers.js';

describe("an upload's month", () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-media-month-'));
    // 23:30 UTC on 30 November is already 1 December in Auckland (UTC+13 in summer).
    t = await createTestApp({ dataDir: dir }, { clock: new ManualClock(new Date('2026-11-30T23:30:00Z')) });
    await saveSettings(t.ctx.db, { timezone: 'Pacific/Auckland' });
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("is the site's month: the folder, the stored month and the Media screen's filter", async () => {
    const admin = await signIn(t, await createUser(t.ctx, 'admin'));
    const res = await upload(t, admin, 'night.png', await png(20, 20));
    expect(res.statusCode).toBe(201);
    const row = await t.ctx.db.selectFrom('media').select(['month', 'path']).executeTakeFirstOrThrow();
    expect(row.month).toBe('2026-12');
    expect(row.path).toMatch(/^2026\/12\//);
    const screen = await t.app.inject({ url: '/admin/media', headers: admin.headers });
    expect(screen.body).toContain('value="2026-12"');
    const filtered = await t.app.inject({ url: '/admin/media?month=2026-12&mode=list', headers: admin.headers });
    expect(filtered.body).toContain('night');
  });
});
