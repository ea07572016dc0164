import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeCommentHtml, sanitizePostHtml, truncateText } from '../../src/content/sanitize.js';

describe('HTML sanitising', () => {
  it("removes scripts, handlers and javascript: links from an author's post", () => {
    const out = sanitizePostHtml('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:alert(1)">a</a><a href="https://ok.example/">b</a></p>');
    expect(out).not.toMatch(/script|onclick|javascript:/);
    expect(out).toContain('<a href="https://ok.example/">b</a>');
  });

  it('gives every comment link rel="nofollow ugc" and keeps only a small set of tags', () => {
    const out = sanitizeCommentHtml('<h1>Big</h1><a href="https://x.example/" rel="dofollow">x</a><img src=x onerror=alert(1)>');
    expect(out).toBe('Big<a href="https://x.example/" rel="nofollow ugc">x</a>');
  });

  it('turns HTML into folded plain text', () => {
    expect(htmlToText('<p>One &amp; <b>two</b></p>\n\n<p>three</p>')).toBe('One & two three');
  });

  it('truncates by characters, never splitting a surrogate pair', () => {
    expect(truncateText('ab😀cd', 4, '…')).toBe('ab😀…');
    expect(truncateText('short', 10)).toBe('short');
  });
});
