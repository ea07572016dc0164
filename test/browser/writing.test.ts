// Issue 15 in a real browser (Debian's Chromium through playwright-core) against the app on loopback, as its
// "How it will be checked" says: the editor opens in the visual view, or in the HTML view saying why when the
// visual editor would drop part of the post; text typed without tags is autosaved, the tab is closed
// mid-sentence and the autosave is restored; Preview opens the public page in a new tab before the first save;
// the post is published with paragraphs; a Markdown post shows its live preview; two revisions are compared and
// the older restored; a post is written with the toolbar (heading, bold, list, link, an image uploaded and chosen
// in the media library dialog, also set as featured image), switched to source and back, and saved as shown;
// a post is scheduled then published now; leaving with unsaved changes warns. Screenshots at 1280 and 375 px
// (the editor with the media dialog open, the dashboard) go to SHOTS_DIR (default: a temp dir).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, signIn } from './harness.js';
import { ManualClock } from '../support/clock.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { findPostById } from '../../src/posts/repository.js';
import type { User } from '../../src/db/schema.js';
import { makeComment, makePost } from '../comments/fixtures.js';
import { jpegWithGps } from '../media/helpers.js';
import { htmlView, visualView } from './editor-view.js';

describe.skipIf(NO_CHROMIUM)('writing in a browser', { timeout: 120_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let base: string;
  let page: Page;
  let dir: string;
  let shots: string;
  let writer: User;
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
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base, timezone: 'Europe/Paris' });
    writer = await createUser(t.ctx, 'author', 'writer', 'a long passphrase');
    await writeFile(join(dir, 'beach.jpg'), await jpegWithGps(1600, 1200));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await signIn(page, base, 'writer', 'a long passphrase');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens in the visual view, and in the HTML view with the reason when the visual editor would drop part of the post', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.waitForSelector('.visual-content', { state: 'visible' });
    expect(await page.isVisible('#content')).toBe(false);
    expect(await page.isVisible('#editor-mode-note')).toBe(false);
    const table = await makePost(t.ctx, writer.id, { title: 'Tide table', status: 'draft', published_at: null, content: '<p>Times:</p>\n<table><tr><td>06:10</td></tr></table>\n<div class="note">Check the day before.</div>' });
    await page.goto(`${base}/admin/posts/${table.id}/edit`);
    await page.waitForSelector('#editor-mode-note', { state: 'visible' });
    expect(await page.isVisible('#content')).toBe(true);
    expect(await page.textContent('#editor-mode-note')).toBe("Opened in the HTML view because the visual editor would drop this post's <table> and <div>.");
    // Switching anyway asks first; saying no keeps the HTML view and the HTML.
    const asked = page.waitForEvent('dialog');
    const click = page.click('.visual-toolbar button[data-mode]');
    const d = await asked;
    expect(d.message()).toContain('The visual editor would drop');
    await d.dismiss();
    await click;
    expect(await page.isVisible('#content')).toBe(true);
    expect(await page.inputValue('#content')).toContain('<table>');
    await shoot(page, 'editor-html-view-note');
    const subtle = await makePost(t.ctx, writer.id, { title: 'Subtle', status: 'draft', published_at: null, content: '<p style="color: red">Red</p>\n<!--more-->\n<a href="/big.png"><img src="/small.png" alt=""></a>' });
    await page.goto(`${base}/admin/posts/${subtle.id}/edit`);
    await page.waitForSelector('#editor-mode-note', { state: 'visible' });
    expect(await page.textContent('#editor-mode-note')).toBe("Opened in the HTML view because the visual editor would drop this post's style attributes, <!--more--> tag and links around images.");
  });

  it('autosaves while typing, and the text comes back after the tab is closed mid-sentence', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'A walk by the river');
    // Plain text typed without tags, in the HTML view (the author's choice is remembered in this browser).
    await htmlView(page);
    await page.click('#content');
    await page.waitForFunction(() => document.activeElement?.id === 'content');
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
    await Promise.all([page.waitForURL(/restore=autosave$/), page.click('a:has-text("Restore the autosave")')]);
    expect(await page.inputValue('#title')).toBe('A walk by the river');
    expect(await page.inputValue('#content')).toContain('We turned back before the bri');
    // Its line breaks are paragraphs only when saved from the HTML view: it opens there, saying so.
    await page.waitForSelector('#editor-mode-note', { state: 'visible' });
    expect(await page.textContent('#editor-mode-note')).toContain('line breaks typed without paragraph tags');
    expect(await page.isVisible('#content')).toBe(true);
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
    expect(await t.ctx.db.selectFrom('posts').select('id').where('title', '=', 'A walk by the river').execute()).toEqual([]);

    expect(await page.textContent('#publish-button')).toBe('Publish now');
    await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit$/), page.click('#publish-button')]);
    await expect(page.textContent('.flash')).resolves.toContain('Post published.');
    const id = Number(/\/admin\/posts\/(\d+)\/edit$/.exec(page.url())![1]);
    expect((await findPostById(t.ctx.db, id))!.content).toBe('<p>The water was high.<br />\nThe path was wet.</p>\n<p>We turned back before the bridge.</p>\n');
    await shoot(page, 'editor-published');
  });

  it('compares two revisions side by side and restores the older one', async () => {
    t.clock.advance(60_000);
    await htmlView(page);
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
    await page.waitForSelector('.visual-toolbar');
    await page.selectOption('#format', 'markdown');
    await page.waitForSelector('#content', { state: 'visible' });
    await page.fill('#content', '## Packing\n\n| Item | Count |\n|---|---|\n| Socks | 3 |\n\n*Light* bags.');
    await page.waitForSelector('#markdown-preview td:has-text("Socks")');
    // A Markdown post is written in its textarea: no visual toolbar.
    expect(await page.isVisible('.visual-toolbar')).toBe(false);
    expect(await page.innerHTML('#markdown-preview')).toContain('<h2>Packing</h2>');
    await shoot(page, 'markdown');
    await Promise.all([page.waitForURL(/\/edit$/), page.click('button:has-text("Save draft")')]);
    expect(await page.inputValue('#format')).toBe('markdown');
    expect(await page.inputValue('#content')).toContain('| Socks | 3 |');
  });

  /** The editing surface's HTML without what ProseMirror adds for editing (selection classes, the caret's <br>). */
  const visible = (html: string) => html.replace(/<br class="ProseMirror-trailingBreak">/g, '').replace(/ (?:contenteditable|draggable)="[^"]*"| class="[^"]*ProseMirror[^"]*"| class=""| style=""/g, '');

  it('writes with the visual editor toolbar: heading, bold, list, link with its verdict, an image from the library, source view and back', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'Made with the toolbar');
    await visualView(page);
    await page.click('.visual-content');
    // Keys go to whatever has focus: wait until the editor has it back after each button or menu.
    const editorFocused = () => page.waitForFunction(() => document.activeElement?.classList.contains('visual-content') === true);
    await editorFocused();
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
    await page.waitForFunction(() => document.activeElement?.id === 'link-url');
    await page.fill('#link-url', 'http://127.0.0.1:9/maps');
    // The outbound policy's verdict for the address (tests allow loopback, so it would be notified).
    await page.waitForFunction(() => (document.querySelector('.link-verdict')?.textContent ?? '') !== '');
    expect(await page.textContent('.link-verdict')).toMatch(/^Will be notified/);
    await page.click('.link-box [data-apply]');
    await editorFocused();
    // Out of the list (an empty item's Enter leaves it) into a new paragraph for the image.
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');

    // The media library: a modal dialog, focus in its search field, Tab kept inside, Escape closes it and
    // gives the focus back to the editor.
    const image = 'button[aria-label="Image from the media library"]';
    await page.click(image);
    await page.waitForSelector('#media-dialog[open]');
    await page.waitForFunction(() => document.activeElement?.id === 'media-dialog-s');
    await page.waitForSelector('#media-dialog-status:has-text("No images yet")');
    await page.keyboard.press('Shift+Tab');
    await page.waitForFunction(() => document.activeElement?.classList.contains('media-dialog-close') === true);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.getElementById('media-dialog')!.contains(document.activeElement) && !document.activeElement!.classList.contains('media-dialog-close'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#media-dialog', { state: 'hidden' });
    await editorFocused();

    // Upload from within the dialog (media.js, with its progress bar): the new image is listed and chosen.
    await page.click(image);
    await page.waitForSelector('#media-dialog[open]');
    await page.setInputFiles('#media-dialog-file', join(dir, 'beach.jpg'));
    await page.waitForSelector('#media-dialog .upload.done progress');
    await page.waitForSelector('.media-dialog-item[aria-pressed="true"]');
    await page.waitForFunction(() => document.activeElement?.id === 'media-dialog-alt');
    await t.app.worker.runUntilIdle();
    expect(await page.inputValue('#media-dialog-size')).toBe('medium');
    expect(await page.locator('#media-dialog-size option').allTextContents()).toEqual(['Medium (300 × 225)', 'Large (1024 × 768)', 'Full size (1600 × 1200)']);
    await page.fill('#media-dialog-alt', 'Waves on the beach');
    await page.check('#media-dialog-featured');
    // Search narrows the list; the chosen image stays chosen.
    await page.fill('#media-dialog-s', 'beach');
    await page.press('#media-dialog-s', 'Enter');
    await page.waitForSelector('#media-dialog-status:has-text("1 image shown")');
    // One page only: neither "Newer images" nor "Older images" is offered.
    expect(await page.isVisible('#media-dialog [data-older]')).toBe(false);
    expect(await page.isVisible('#media-dialog [data-newer]')).toBe(false);
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: join(shots, `media-dialog-${width}.png`) });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('#media-dialog [data-insert]');
    await page.waitForSelector('#media-dialog', { state: 'hidden' });
    await editorFocused();
    const img = page.locator('.visual-content img');
    expect(await img.getAttribute('src')).toMatch(/^\/uploads\/\d{4}\/\d\d\/[0-9a-f]{20}-300x225\.jpg$/);
    expect([await img.getAttribute('width'), await img.getAttribute('height'), await img.getAttribute('alt')]).toEqual(['300', '225', 'Waves on the beach']);
    expect(await img.getAttribute('srcset')).toMatch(/-300x225\.jpg 300w, \S+-1024x768\.jpg 1024w, \S+\.jpg 1600w$/);
    expect(await img.getAttribute('sizes')).toBe('(max-width: 300px) 100vw, 300px');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBeGreaterThan(0);
    expect(await page.locator('#featured-preview img').count()).toBe(1);

    const shown = await page.innerHTML('.visual-content');
    expect(shown).toContain('<h2>Trip plan</h2>');
    expect(shown).toMatch(/<strong> ?boots<\/strong>/);
    expect(shown).not.toContain('nofollow');
    expect(shown).toMatch(/<ul><li><p><a [^>]*href="http:\/\/127.0.0.1:9\/maps"[^>]*>map<\/a><\/p><\/li><\/ul>/);
    await shoot(page, 'visual-editor');
    await page.click('.visual-toolbar button[data-mode]');
    await page.waitForSelector('#content', { state: 'visible' });
    const source = await page.inputValue('#content');
    expect(source).toContain('<img src="/uploads/');
    await page.click('.visual-toolbar button[data-mode]');
    await page.waitForSelector('.visual-content', { state: 'visible' });
    // Back from the source, the visual view shows the same document, and the form posts it.
    expect(visible(await page.innerHTML('.visual-content'))).toBe(visible(shown));
    const posted = await page.inputValue('#content');
    expect(posted).toBe(source);
    expect(visible(shown)).toBe(posted);
    await Promise.all([page.waitForURL(/\/edit$/), page.click('button:has-text("Save draft")')]);
    const id = Number(/\/admin\/posts\/(\d+)\/edit$/.exec(page.url())![1]);
    const saved = (await findPostById(t.ctx.db, id))!;
    // The same HTML as the browser reads it (an author's HTML is cleaned on save, which writes <img … />).
    const asDom = (html: string) => page.evaluate((h) => { const el = document.createElement('template'); el.innerHTML = h; return el.innerHTML; }, html);
    expect(await asDom(saved.content)).toBe(posted);
    expect(posted).toContain('<h2>Trip plan</h2>');
    expect(saved.content).toContain(' srcset="');
    expect(saved.featured_media_id).toBeGreaterThan(0);
    // Reopened, it is the same document in the visual view (nothing in it the visual editor would drop).
    await page.waitForSelector('.visual-content', { state: 'visible' });
    expect(await page.isVisible('#editor-mode-note')).toBe(false);
    expect(visible(await page.innerHTML('.visual-content'))).toBe(posted);
  });

  it('schedules a post, then publishes it now', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await page.fill('#title', 'Later, then now');
    await visualView(page);
    await page.click('.visual-content');
    await page.waitForFunction(() => document.activeElement?.classList.contains('visual-content') === true);
    await page.keyboard.type('Written ahead.');
    const next = new Date(Date.now() + 400 * 86_400_000);
    const local = `${next.getFullYear()}-01-15T09:30`;
    await page.fill('#date', local);
    await expect(page.textContent('#publish-button')).resolves.toBe(`Schedule for ${local.replace('T', ' ')}`);
    await Promise.all([page.waitForURL(/\/edit$/), page.click('#publish-button')]);
    await expect(page.textContent('.flash')).resolves.toContain('Post scheduled.');
    const id = Number(/\/admin\/posts\/(\d+)\/edit$/.exec(page.url())![1]);
    expect((await findPostById(t.ctx.db, id))!.status).toBe('scheduled');
    await Promise.all([page.waitForURL(/\/edit$/), page.click('button:has-text("Publish now")')]);
    await expect(page.textContent('.flash')).resolves.toContain('published');
    const post = (await findPostById(t.ctx.db, id))!;
    expect(post.status).toBe('published');
    expect(post.published_at! <= t.clock.now().toISOString()).toBe(true);
    expect(post.content).toBe('<p>Written ahead.</p>');
  });

  it('still writes and saves without JavaScript: the textarea, no toolbar, no dialog', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 375, height: 900 } });
    const p = await plain.newPage();
    await signIn(p, base, 'writer', 'a long passphrase');
    await p.goto(`${base}/admin/posts/new`);
    expect(await p.isVisible('#content')).toBe(true);
    expect(await p.locator('.visual-toolbar').count()).toBe(0);
    expect(await p.isVisible('#media-dialog')).toBe(false);
    await p.fill('#title', 'No script');
    await p.fill('#content', 'Plain words.');
    await Promise.all([p.waitForURL(/\/edit$/), p.click('button:has-text("Save draft")')]);
    const id = Number(/\/admin\/posts\/(\d+)\/edit$/.exec(p.url())![1]);
    expect((await findPostById(t.ctx.db, id))!.content).toBe('<p>Plain words.</p>\n');
    await plain.close();
  });

  it('shows the dashboard', async () => {
    const mine = await makePost(t.ctx, writer.id, { title: 'Mentioned post' });
    const now = t.clock.now().getTime();
    for (const daysAgo of [0, 0, 3, 12]) await makeComment(t.ctx, mine.id, { kind: 'pingback', status: 'approved', title: `Mention ${daysAgo}`, source_url: `http://a.example/${daysAgo}/${Math.random()}`, created_at: new Date(now - daysAgo * 86_400_000).toISOString() });
    await page.goto(`${base}/admin`);
    await page.waitForSelector('#linkback-chart svg');
    await shoot(page, 'dashboard');
    await page.goto(`${base}/admin/posts/new`);
    await page.waitForSelector('.visual-toolbar');
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
