// Links to the old site's uploads are moved to the imported files: WordPress's wp-content/uploads/ layout, and
// Backtalk's own /uploads/ (its export writes them as absolute URLs, as WordPress stores them), sizes included.
import { describe, expect, it } from 'vitest';
import { rewriteUploadUrls, uploadsPattern } from '../../src/import/content-urls.js';

const moved = new Map([['2026/11/boats.png', '/uploads/2027/01/0a1b2c.png']]);
const rewrite = (html: string, site = 'http://old.example') => rewriteUploadUrls(html, uploadsPattern([site]), (relative) => moved.get(relative));

describe('links to the old uploads', () => {
  it('moves WordPress’s wp-content/uploads links and their sized copies', () => {
    expect(rewrite('<img src="http://old.example/wp-content/uploads/2026/11/boats-300x188.png">')).toBe('<img src="/uploads/2027/01/0a1b2c.png">');
  });

  it('moves a Backtalk export’s /uploads/ links, with or without www and in srcset', () => {
    expect(rewrite('<img src="http://old.example/uploads/2026/11/boats.png" srcset="https://www.old.example/uploads/2026/11/boats-150x150.png 150w">')).toBe(
      '<img src="/uploads/2027/01/0a1b2c.png" srcset="/uploads/2027/01/0a1b2c.png 150w">',
    );
  });

  it('leaves other hosts, unknown files and other paths alone', () => {
    const html = '<a href="http://elsewhere.example/uploads/2026/11/boats.png">a</a><a href="http://old.example/uploads/2026/11/missing.png">b</a><a href="http://old.example/2026/11/boats/">c</a>';
    expect(rewrite(html)).toBe(html);
  });
});
