// The post editor in a browser test: wait until the visual editor's script has set the page up (before that
// the plain textarea shows, and a click or key sent to it races the script), then pick the view a test types in.
import type { Page } from 'playwright-core';

/** Waits for the toolbar (visual-editor.js has run), then shows the HTML view (the textarea #content). */
export async function htmlView(page: Page): Promise<void> {
  await page.waitForSelector('.visual-toolbar button[data-mode]');
  if (!(await page.isVisible('#content'))) await page.click('.visual-toolbar button[data-mode]');
  await page.waitForSelector('#content', { state: 'visible' });
}

/** Waits for the toolbar, then shows the visual view (.visual-content). */
export async function visualView(page: Page): Promise<void> {
  await page.waitForSelector('.visual-toolbar button[data-mode]');
  if (!(await page.isVisible('.visual-content'))) await page.click('.visual-toolbar button[data-mode]');
  await page.waitForSelector('.visual-content', { state: 'visible' });
}
