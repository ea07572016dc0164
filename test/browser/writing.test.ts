// Issue 15 in a real browser (Debian's Chromium through playwright-core) against the app on loopback: text
// typed without tags is autosaved, the tab is closed mid-sentence and the autosave is restored; Preview
// opens the public page in a new tab before the first save; the post is published with paragraphs; a
// Markdown post shows its live preview; two revisions are compared and the older restored; leaving with
// unsaved changes warns. Screenshots at 1280 and 375 px go to SHOTS_DIR (default: a temp dir).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { findPostById } from '../../src/posts/repository.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

describe.skipIf(!existsSync(CHROMIUM))('writing in a browser', { timeout: 120_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let page: Page;
  let dir: string;
  let shots: string;
  const shoot = async (p: Page, name: string) => {
    for (const width of [1280, 375]) {
      await p.setViewportSize({ width, height: 900 });
      await p.screenshot({ path: join(shots, `${name}-${width}.png`), fullPage: true });
    }
    await p.setViewportSize({ width: 1280, height: 900 });
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-writing-browser-'));
    shots = process.env.SHOTS_DIR ?? join(dir, 'shots');
    await mkdir(shots, { recursive: true });
    t = await createTestApp({ dataDir: dir }, { clock: new ManualClock(new Date()) });
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    await saveSettings(t.ctx.db, { site_url: base, timezone: 'Europe/Paris' });
    await createUser(t.ctx, 'author', 'writer', 'a long passphrase');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(`${base}/admin/login`);
    await page.fill('#username', 'writer');
    await page.fill('#password', 'a long passphrase');
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('button:has-text("Log in")')]);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('autosaves while typing, and the text comes back after the tab is closed mid-sentence', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'A walk by the river');
    await page.click('#content');
    // The copy that holds the whole sentence so far (an earlier one may land while typing).
    const saved = page.waitForResponse((r) => r.url().endsWith('/admin/posts/autosave') && r.status() === 200 && (r.request().postData() ?? '').includes('before+the+bri'));
    await page.keyboard.type('The water was high.\nThe path was wet.\n\nWe turned back before the bri');
    await saved;
    await expect(page.textContent('#autosave-status')).resolves.toMatch(/Autosaved at \d\d:\d\d/);
    await page.close({ runBeforeUnload: false });

    page = await context.newPage();
    await page.goto(`${base}/admin/posts/new`);
    await expect(page.textContent('.autosave-offer')).resolves.toContain('Restore the autosave');
    await shoot(page, 'autosave-offer');
    await page.click('a:has-text("Restore the autosave")');
    expect(await page.inputValue('#title')).toBe('A walk by the river');
    expect(await page.inputValue('#content')).toContain('We turned back before the bri');
  });

  it('previews the unsaved post as the public page in a new tab, then publishes it with paragraphs', async () => {
    await page.fill('#content', 'The water was high.\nThe path was wet.\n\nWe turned back before the bridge.');
    const [tab] = await Promise.all([context.waitForEvent('page'), page.click('#preview-button')]);
    await tab.waitForLoadState();
    await expect(tab.textContent('h1.post-title')).resolves.toBe('A walk by the river');
    expect(await tab.innerHTML('.post-content')).toContain('<p>The water was high.<br>\nThe path was wet.</p>');
    expect(await tab.locator('.preview-banner').count()).toBe(1);
    await shoot(tab, 'preview');
    await tab.close();
    expect(await t.ctx.db.selectFrom('posts').select('id').execute()).toEqual([]);

    expect(await page.textContent('#publish-button')).toBe('Publish now');
    await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit$/), page.click('#publish-button')]);
    await expect(page.textContent('.flash')).resolves.toContain('Post published.');
    const id = Number(/\/admin\/posts\/(\d+)\/edit$/.exec(page.url())![1]);
    expect((await findPostById(t.ctx.db, id))!.content).toBe('<p>The water was high.<br />\nThe path was wet.</p>\n<p>We turned back before the bridge.</p>\n');
    await shoot(page, 'editor-published');
  });

  it('compares two revisions side by side and restores the older one', async () => {
    t.clock.advance(60_000);
    await page.fill('#content', '<p>The water was low.</p>');
    await Promise.all([page.waitForURL(/\/edit$/), page.click('#publish-button')]);
    await page.click('a:has-text("Revisions")');
    await expect(page.locator('.diff-side del').first().textContent()).resolves.toBeTruthy();
    expect(await page.locator('.diff-side ins', { hasText: 'low' }).count()).toBe(1);
    await shoot(page, 'revisions');
    const first = page.locator('.revision-list a:has-text("Compare")').last();
    await first.click();
    await Promise.all([page.waitForURL(/\/edit$/), page.click('button:has-text("Restore this revision")')]);
    await expect(page.textContent('.flash')).resolves.toContain('Restored the revision');
    expect(await page.inputValue('#content')).toContain('We turned back before the bridge.');
  });

  it('writes Markdown with a live preview and reopens it as Markdown', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'Notes in Markdown');
    await page.selectOption('#format', 'markdown');
    await page.fill('#content', '## Packing\n\n| Item | Count |\n|---|---|\n| Socks | 3 |\n\n*Light* bags.');
    await page.waitForSelector('#markdown-preview td:has-text("Socks")');
    expect(await page.innerHTML('#markdown-preview')).toContain('<h2>Packing</h2>');
    await shoot(page, 'markdown');
    await Promise.all([page.waitForURL(/\/edit$/), page.click('button:has-text("Save draft")')]);
    expect(await page.inputValue('#format')).toBe('markdown');
    expect(await page.inputValue('#content')).toContain('| Socks | 3 |');
  });

  it('writes with the visual editor toolbar: heading, bold, list, link with its verdict, source view and back', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'Made with the toolbar');
    await page.click('.visual-toolbar button[data-mode]');
    await page.click('.visual-content');
    // Keys go to whatever has focus: wait until the editor has it back after the heading menu.
    const editorFocused = () => page.waitForFunction(() => document.activeElement?.classList.contains('visual-content') === true);
    await page.selectOption('select[aria-label="Paragraph or heading"]', '2');
    await editorFocused();
    await page.keyboard.type('Trip plan');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Bring ');
    await page.click('button[aria-label="Bold (Ctrl+B)"]');
    await editorFocused();
    await page.keyboard.type('boots');
    await page.click('button[aria-label="Bold (Ctrl+B)"]');
    await editorFocused();
    await page.keyboard.press('Enter');
    await page.click('button[aria-label="Bulleted list (Ctrl+Shift+8)"]');
    await editorFocused();
    await page.keyboard.type('map');
    await page.keyboard.down('Shift');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.up('Shift');
    await page.click('button[aria-label="Link (Ctrl+K)"]');
    await page.fill('#link-url', 'http://127.0.0.1:9/maps');
    // The outbound policy's verdict for the address (tests allow loopback, so it would be notified).
    await page.waitForFunction(() => (document.querySelector('.link-verdict')?.textContent ?? '') !== '');
    expect(await page.textContent('.link-verdict')).toMatch(/notified/i);
    await page.click('.link-box [data-apply]');
    const shown = await page.innerHTML('.visual-content');
    expect(shown).toContain('<h2>Trip plan</h2>');
    expect(shown).toMatch(/<strong> ?boots<\/strong>/);
    expect(shown).not.toContain('nofollow');
    expect(shown).toMatch(/<ul><li><p><a [^>]*href="http:\/\/127.0.0.1:9\/maps"[^>]*>map<\/a><\/p><\/li><\/ul>/);
    await shoot(page, 'visual-editor');
    await page.click('.visual-toolbar button[data-mode]');
    expect(await page.isVisible('#content')).toBe(true);
    await page.click('.visual-toolbar button[data-mode]');
    const posted = await page.inputValue('#content');
    await Promise.all([page.waitForURL(/\/edit$/), page.click('button:has-text("Save draft")')]);
    const id = Number(/\/admin\/posts\/(\d+)\/edit$/.exec(page.url())![1]);
    expect((await findPostById(t.ctx.db, id))!.content).toBe(posted);
    expect(posted).toContain('<h2>Trip plan</h2>');
  });

  it('warns before leaving with unsaved changes', async () => {
    await page.click('#title');
    await page.keyboard.type(' (edited)');
    const dialog = page.waitForEvent('dialog');
    void page.close({ runBeforeUnload: true });
    const d = await dialog;
    expect(d.type()).toBe('beforeunload');
    await d.dismiss();
    expect(page.isClosed()).toBe(false);
  });
});
