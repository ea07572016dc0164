// The pure mf2 reader (issue 19 point 1) over the fixtures/mf2 pages: which h-entry, which kind (post-type
// discovery), which author (authorship), the date and the sanitised, trimmed content.
import { describe, expect, it } from 'vitest';
import { readSemantic, representativeCard } from '../../../src/linkbacks/inbound/mf2.js';
import { repliedCommentId } from '../../../src/linkbacks/inbound/mf2-fields.js';
import { mf2Fixture } from './mf2-fixtures.js';

const target = 'http://blog.test/2026/11/30/linkbacks/';
const page = 'http://ann.test/2026/11/re-linkbacks';
const read = (name: string, fill: { comment?: string } = {}, max = 500) => readSemantic(mf2Fixture(name, { target, ...fill }), page, target, max);

describe('readSemantic', () => {
  it('reads a reply with an embedded h-card: author, photo and URLs resolved against the page, UTC date', () => {
    const s = read('reply-with-hcard.html')!;
    expect(s.type).toBe('reply');
    expect(s.author).toEqual({ name: 'Ann Example', url: 'http://ann.test/', photo: 'http://ann.test/images/ann.jpg', urlOnly: false });
    expect(s.published).toBe('2026-11-29T08:30:00.000Z');
    expect(s.url).toBe('http://ann.test/2026/11/re-linkbacks');
    expect(s.responds).toBe(true);
  });

  it('sanitises the content to the readers’ allow-list: no script, no image, no javascript: link', () => {
    const c = read('reply-with-hcard.html')!.content;
    expect(c).toContain('<strong>Webmention</strong>');
    expect(c).not.toMatch(/script|<img|javascript:|tracker\.example/);
  });

  it('reads Bridgy likes and reposts with the reaction’s own URL and the author’s photo', () => {
    const like = read('bridgy-like.html')!;
    expect(like).toMatchObject({ type: 'like', url: 'https://mastodon.example/@carol/109#favorited-by-42', content: '' });
    expect(like.author).toEqual({ name: 'Carol 🌻', url: 'https://mastodon.example/@carol', photo: 'https://files.mastodon.example/avatars/carol.png', urlOnly: false });
    expect(read('bridgy-repost.html')).toMatchObject({ type: 'repost', author: { name: 'Dave' } });
  });

  it('finds the author by rel=author when the entry has no h-card, and reads a space-separated date', () => {
    const s = read('reply-to-comment-no-hcard.html', { comment: `${target}#comment-7` })!;
    expect(s.type).toBe('reply');
    expect(s.author).toEqual({ name: 'erin.example', url: 'https://erin.example/about', photo: null, urlOnly: true });
    expect(s.published).toBe('2026-11-28T18:05:00.000Z');
    expect(s.inReplyTo).toEqual([`${target}#comment-7`]);
  });

  it('picks the entry of an h-feed that bookmarks us, with the feed’s author (implied h-card name, url, photo)', () => {
    const s = read('feed-bookmark.html')!;
    expect(s.type).toBe('bookmark');
    expect(s.content).toBe('Worth keeping: a clear post.');
    expect(s.author).toEqual({ name: 'Frank Example', url: 'https://frank.example/', photo: 'http://ann.test/frank.png', urlOnly: false });
  });

  it('prefers a nested h-entry that replies to us over the outer post', () => {
    const s = read('nested-comment-reply.html')!;
    expect(s).toMatchObject({ type: 'reply', url: 'https://grace.example/protocols#c2', content: 'Nested reply text.' });
    expect(s.author?.name).toBe('Heidi');
  });

  it('reads an RSVP with its value', () => {
    expect(read('rsvp.html')).toMatchObject({ type: 'rsvp', rsvp: 'yes', author: { name: 'Ivan' } });
  });

  it('calls a link in the content a mention, and cuts long content as text to the limit', () => {
    const s = read('mention-long.html', {}, 100)!;
    expect(s.type).toBe('mention');
    expect(s.responds).toBe(false);
    expect(s.content).toMatch(/^<p>words words .*…<\/p>$/);
    expect(s.content.length).toBeLessThan(120);
  });

  it('returns null for a page without mf2', () => {
    expect(read('no-mf2.html')).toBeNull();
  });

  it('does not take an h-entry that responds to another page as a response to us', () => {
    const html = `<div class="h-entry"><a class="u-like-of" href="http://other.test/">x</a></div><div class="h-entry"><a class="u-like-of" href="http://other.test/2">y</a></div><p><a href="${target}">us</a></p>`;
    expect(readSemantic(html, page, target, 500)).toBeNull();
  });

  it('counts a u-like-of on a <data> element as responding (no <a> at all)', () => {
    const s = readSemantic(`<div class="h-entry"><data class="u-like-of" value="${target}"></data></div>`, page, target, 500);
    expect(s).toMatchObject({ type: 'like', responds: true, author: null });
  });
});

describe('representativeCard (the authorship algorithm’s author page)', () => {
  const about = 'http://erin.test/about';
  it('takes the h-card whose url and uid are the page, not another h-card on it', () => {
    expect(representativeCard(mf2Fixture('author-page-uid.html', { target }), about, [about])).toEqual({ name: 'Erin Example', url: about, photo: 'http://erin.test/erin.png', urlOnly: false });
  });

  it('takes the h-card whose url is one of the page’s rel=me profiles, as the page was linked or fetched after a redirect', () => {
    const card = representativeCard(mf2Fixture('author-page-rel-me.html', { target }), 'http://gus.test/', ['http://gus.test/me', 'http://gus.test/']);
    expect(card).toEqual({ name: 'Gus Example', url: 'https://social.example/@gus', photo: 'http://gus.test/gus.jpg', urlOnly: false });
  });

  it('finds none on a page whose only h-card is someone else’s, or an entry’s author', () => {
    expect(representativeCard('<a class="h-card" href="https://frank.example/">Frank</a>', about, [about])).toBeNull();
    expect(representativeCard(`<div class="h-entry"><a class="p-author h-card" href="${about}">Erin</a></div>`, about, [about])).toBeNull();
  });
});

describe('repliedCommentId', () => {
  it('takes #comment-N on the post’s permalink or one of its comment pages, in any of the URL’s forms', () => {
    expect(repliedCommentId([`${target}#comment-12`], target)).toBe(12);
    expect(repliedCommentId(['https://blog.test/2026/11/30/linkbacks/comment-page-2/#comment-5'], target)).toBe(5);
    expect(repliedCommentId(['http://blog.test/2026/11/30/linkbacks#comment-3'], target)).toBe(3);
  });

  it('ignores other pages’ comments, other fragments and the bare permalink', () => {
    expect(repliedCommentId(['http://blog.test/2026/11/30/other/#comment-12', `${target}#respond`, target], target)).toBeNull();
  });
});
