import { describe, expect, it } from 'vitest';
import { absoluteUrls } from '../../src/posts/feed-content.js';

const base = 'https://example.org/blog/2026/01/10/post/';

describe('absoluteUrls', () => {
  it('leaves HTML without relative links byte for byte', () => {
    const html = '<p>a ]]> b <a href="https://x.org/">x</a> <a href="#note">n</a> <a href="mailto:a@b.c">m</a></p>';
    expect(absoluteUrls(html, base)).toBe(html);
  });
  it('resolves root-relative, relative and protocol-relative links and images', () => {
    const out = absoluteUrls('<p><a href="/2026/01/09/older/">older</a> <img src="pic.png" alt=""> <a href="//cdn.example/x">c</a></p>', base);
    expect(out).toContain('href="https://example.org/2026/01/09/older/"');
    expect(out).toContain('src="https://example.org/blog/2026/01/10/post/pic.png"');
    expect(out).toContain('href="https://cdn.example/x"');
  });
});
