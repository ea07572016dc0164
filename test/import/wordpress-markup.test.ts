// fromWordPressMarkup on the real WordPress 6.1 export in fixtures/wordpress (block and classic posts, [caption],
// [gallery]) and on the edge cases WordPress's own shortcode parser meets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromWordPressMarkup } from '../../src/import/wordpress-markup.js';
import { field, readWxr } from '../support/wxr-read.js';
import { wordpressFixture } from '../support/wordpress-fixture.js';

const items = readWxr(readFileSync(wordpressFixture(), 'utf8')).items;
const contentOf = (slug: string) => field(items.find((i) => field(i, 'wp:post_name') === slug)!, 'content:encoded');
const urls = new Map([
  [201, '/uploads/2025/03/harbour-boats.png'],
  [203, '/uploads/2025/12/harbour-lights-quay.png'],
  [204, '/uploads/2025/12/harbour-lights-blue.png'],
]);
const byId = (id: number) => urls.get(id);

describe('fromWordPressMarkup on the WordPress 6.1 fixture', () => {
  it('drops every block delimiter and keeps the HTML each wraps', () => {
    const raw = contentOf('boats-coming-home-to-the-harbour');
    expect(raw).toContain('<!-- wp:quote -->');
    const html = fromWordPressMarkup(raw, byId);
    expect(html).not.toMatch(/<!--\s*\/?wp:/);
    expect(html).toContain('<blockquote class="wp-block-quote"><p>Three weeks out, and the only thing I missed was a chair with a back.</p><cite>The skipper of the Marit</cite></blockquote>');
    expect(html.startsWith('<p>The first boats of spring')).toBe(true);
    // Block content is already paragraphs: no wpautop, so no <p> is added around or inside the blocks.
    expect(html.match(/<p>/g)?.length).toBe(raw.match(/<p>/g)?.length);
  });

  it('drops delimiters with JSON attributes (image, heading, list) and leaves no run of blank lines', () => {
    const all = items.map((i) => field(i, 'content:encoded')).filter((c) => c.includes('<!-- wp:'));
    expect(all.length).toBeGreaterThanOrEqual(9);
    for (const raw of all) {
      const html = fromWordPressMarkup(raw, byId);
      expect(html).not.toMatch(/<!--\s*\/?wp:/);
      expect(html).not.toMatch(/\n{3}/);
    }
    const image = fromWordPressMarkup(all.find((c) => c.includes('<!-- wp:image {"id":202'))!, byId);
    expect(image).toContain('<figure class="wp-block-image size-full"><img src="http://127.0.0.1:8081/wp-content/uploads/2025/06/harbour-fish-market.jpg"');
  });

  it('turns the [caption] into a figure with its figcaption, and gives classic text its paragraphs', () => {
    const html = fromWordPressMarkup(contentOf('harbour-fish-market-at-six'), byId);
    expect(html).toContain(
      '<figure id="attachment_202" class="wp-caption aligncenter"><img class="size-medium wp-image-202" src="http://127.0.0.1:8081/wp-content/uploads/2025/06/harbour-fish-market-300x225.jpg" alt="Crates of fish on ice under a striped awning" width="300" height="225" /><figcaption class="wp-caption-text">The first crates of the morning, before the buyers arrive.</figcaption></figure>',
    );
    expect(html).not.toContain('[caption');
    expect(html).toMatch(/^<p>The market opens at six/);
    expect(html).toContain('<p><em>Tip:</em> bring your own bag.');
    expect(html).not.toMatch(/<p>\s*<figure/);
  });

  it('turns the [gallery] into a list of its images in the order of ids', () => {
    const html = fromWordPressMarkup(contentOf('harbour-lights-in-december'), byId);
    const srcs = [...html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]);
    expect(srcs).toEqual(['/uploads/2025/12/harbour-lights-quay.png', '/uploads/2025/12/harbour-lights-blue.png', '/uploads/2025/03/harbour-boats.png']);
    expect(html).toContain('<ul class="wp-gallery gallery-columns-3">');
    expect(html).not.toContain('[gallery');
    expect(html).not.toMatch(/<p>\s*<ul/);
  });
});

describe('fromWordPressMarkup edge cases', () => {
  it('leaves unknown and escaped shortcodes as text', () => {
    expect(fromWordPressMarkup('<p>[contact-form-7 id="5"] and [[gallery ids="1"]]</p>', byId)).toBe('<p>[contact-form-7 id="5"] and [gallery ids="1"]</p>');
  });

  it('leaves a gallery whose images are unknown as text, and skips the unknown ids of one that has some', () => {
    expect(fromWordPressMarkup('<p>[gallery ids="7,8"]</p>', byId)).toBe('<p>[gallery ids="7,8"]</p>');
    expect(fromWordPressMarkup('<p>[gallery]</p>', byId)).toBe('<p>[gallery]</p>');
    expect(fromWordPressMarkup('<p>x</p>[gallery ids="7, 201"]', byId).replaceAll('\n', '')).toBe('<p>x</p><ul class="wp-gallery gallery-columns-3"><li class="gallery-item"><img src="/uploads/2025/03/harbour-boats.png" alt="" loading="lazy"></li></ul>');
  });

  it('reads the older caption="…" attribute, a linked image, and an unknown alignment as alignnone', () => {
    const html = fromWordPressMarkup('<p>[caption id="attachment_9" align="weird" width="100" caption="Old style"]<a href="/x"><img src="/a.png" alt=""></a>[/caption]</p>', byId);
    expect(html).toBe('<p><figure id="attachment_9" class="wp-caption alignnone"><a href="/x"><img src="/a.png" alt=""></a><figcaption class="wp-caption-text">Old style</figcaption></figure></p>');
  });

  it('keeps dynamic blocks out (they wrap nothing) and namespaced ones' + "' HTML", () => {
    const html = fromWordPressMarkup('<!-- wp:latest-posts {"postsToShow":3} /-->\n<!-- wp:acme/box {"a":"\\u002d\\u002d>"} -->\n<div class="box">in</div>\n<!-- /wp:acme/box -->', byId);
    expect(html).toBe('<div class="box">in</div>');
  });

  it('keeps ordinary HTML comments and an empty input', () => {
    expect(fromWordPressMarkup('<!-- wp:paragraph -->\n<p>a<!-- note --></p>\n<!-- /wp:paragraph -->', byId)).toBe('<p>a<!-- note --></p>');
    expect(fromWordPressMarkup('', byId)).toBe('');
  });
});
