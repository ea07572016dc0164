// Issue 19 point 4 in a real browser (Debian's Chromium through playwright-core, the app on loopback): the
// editor's "Responding to" box takes an In reply to address, refuses one that is not http(s) with the field
// named and everything typed kept, saves and publishes it, reopens with it, and the public post says "In reply
// to …" above the content and on the home page. Screenshots at 1280 and 375 px (the editor, the refusal, the
// public post, the home page) go to BACKTALK_SCREENSHOTS=<dir> when it is set.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, listenOnLoopback, NO_CHROMIUM, screenshot, signIn } from './harness.js';
import { saveSettings } from '../../src/settings/repository.js';
import { createTestApp, createUser, type TestApp } from '../support/app.js';
import { findPostById } from '../../src/posts/repository.js';
import { htmlView } from './editor-view.js';

const TARGET = 'https://birds.example/2026/01/14/still-birds/';

describe.skipIf(NO_CHROMIUM)('responding to another site in a browser', { timeout: 120_000 }, () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let base: string;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'backtalk-responses-browser-'));
    t = await createTestApp({ dataDir: dir });
    base = await listenOnLoopback(t.app);
    await saveSettings(t.ctx.db, { site_url: base });
    await createUser(t.ctx, 'author', 'writer', 'a long passphrase');
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await signIn(page, base, 'writer', 'a long passphrase');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes a reply: refused while the address is not http(s), saved and published once it is, shown on the post', async () => {
    await page.goto(`${base}/admin/posts/new`);
    await htmlView(page);
    expect(await page.textContent('fieldset.responses legend')).toContain('Responding to');
    for (const label of ['In reply to', 'Like of', 'Repost of']) expect(await page.isVisible(`fieldset.responses label:text-is("${label}")`)).toBe(true);
    await page.fill('#title', 'Still birds, again');
    await page.fill('#content', '<p>Herons are patient, and so is this reply.</p>');
    await page.fill('#in_reply_to', TARGET);
    await page.fill('#like_of', 'birds.example/no-scheme');
    await screenshot(page, 'responses-editor');

    await Promise.all([page.waitForURL(`${base}/admin/posts`), page.click('#publish-button')]);
    expect(await page.textContent('#like_of-error')).toContain('Like of must be an absolute http:// or https:// address');
    expect(await page.inputValue('#like_of')).toBe('birds.example/no-scheme');
    expect(await page.inputValue('#in_reply_to')).toBe(TARGET);
    expect(await page.inputValue('#title')).toBe('Still birds, again');
    await screenshot(page, 'responses-refused');

    await page.fill('#like_of', '');
    await Promise.all([page.waitForURL(/\/admin\/posts\/\d+\/edit$/), page.click('#publish-button')]);
    expect(await page.inputValue('#in_reply_to')).toBe(TARGET);
    expect(await page.inputValue('#like_of')).toBe('');
    const id = Number(/\/admin\/posts\/(\d+)\/edit$/.exec(page.url())![1]);
    expect(await findPostById(t.ctx.db, id)).toMatchObject({ status: 'published', in_reply_to: TARGET, like_of: '' });

    await page.goto(`${base}/2026/01/15/still-birds-again/`);
    const reply = page.locator('.h-entry .post-response-reply');
    expect(await reply.textContent()).toBe('In reply to birds.example/2026/01/14/still-birds');
    expect(await reply.locator('a.u-in-reply-to.h-cite').getAttribute('href')).toBe(TARGET);
    await screenshot(page, 'responses-post');

    // The home page is an h-feed; the post's summary says what it answers too.
    await page.goto(`${base}/`);
    expect(await page.textContent('.h-feed .h-entry .post-response-reply')).toBe('In reply to birds.example/2026/01/14/still-birds');
    await screenshot(page, 'responses-home');
  });
});
