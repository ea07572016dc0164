import { describe, expect, it } from 'vitest';
import { commentsOpen, readCommentForm, validateReaderComment } from '../../src/comments/reader-comment.js';

const ok = { author: 'Ann', email: 'ann@example.org', url: '', content: 'Nice post' };

describe('validateReaderComment', () => {
  it('accepts a plain comment', () => {
    expect(validateReaderComment(ok, true)).toEqual({});
  });
  it('wants name and a valid email only when require_name_email is set', () => {
    const anon = { ...ok, author: '', email: '' };
    expect(Object.keys(validateReaderComment(anon, true)).sort()).toEqual(['author', 'email']);
    expect(validateReaderComment(anon, false)).toEqual({});
    expect(validateReaderComment({ ...ok, email: 'not-an-email' }, false).email).toMatch(/valid email/);
  });
  it('takes a website only as an http(s) URL', () => {
    expect(validateReaderComment({ ...ok, url: 'javascript:alert(1)' }, true).url).toBeDefined();
    expect(validateReaderComment({ ...ok, url: 'ftp://example.org/' }, true).url).toBeDefined();
    expect(validateReaderComment({ ...ok, url: 'https://example.org/me' }, true).url).toBeUndefined();
  });
  it('wants 1 to 20000 characters of content', () => {
    expect(validateReaderComment({ ...ok, content: '   ' }, true).content).toMatch(/type a comment/);
    expect(validateReaderComment({ ...ok, content: 'é'.repeat(20_000) }, true).content).toBeUndefined();
    expect(validateReaderComment({ ...ok, content: 'x'.repeat(20_001) }, true).content).toMatch(/too long/);
  });
});

describe('readCommentForm', () => {
  it('reads strings only and trims the single-line fields', () => {
    const f = readCommentForm({ post_id: ' 7 ', author: ['a', 'b'], email: ' e@x.org ', content: ' hi ', leave_this_empty: 'spam', form_token: ' tok ', form_time: ' 12.x ', comment_parent: '0' });
    expect(f).toEqual({ postId: 7, author: '', email: 'e@x.org', url: '', content: ' hi ', honeypot: 'spam', token: 'tok', shownAt: '12.x', parent: '', remember: false });
    expect(readCommentForm({ comment_parent: ' 42 ', 'wp-comment-cookies-consent': 'yes' })).toMatchObject({ parent: '42', remember: true });
    expect(readCommentForm(undefined).postId).toBeNull();
    // Past PostgreSQL's integer range an id names no post (db/row-id.ts), rather than failing the query.
    expect(readCommentForm({ post_id: '2147483648' }).postId).toBeNull();
  });
  it('drops control characters (NUL would break PostgreSQL) but keeps new lines and tabs', () => {
    const f = readCommentForm({ author: 'A\u0000nn', content: 'line\u0007\none\ttab\r\n' });
    expect(f.author).toBe('Ann');
    expect(f.content).toBe('line\none\ttab\r\n');
  });
});

describe('commentsOpen', () => {
  const now = new Date('2026-02-01T00:00:00Z');
  const post = { status: 'published', comment_status: 'open', published_at: '2026-01-15T00:00:00Z' };
  const never = { close_comments_for_old_posts: false, close_comments_days_old: 14 };
  it('follows the post status and its comment_status', () => {
    expect(commentsOpen(post, never, now)).toBe(true);
    expect(commentsOpen({ ...post, comment_status: 'closed' }, never, now)).toBe(false);
    expect(commentsOpen({ ...post, status: 'draft' }, never, now)).toBe(false);
  });
  it('closes after close_comments_days_old when asked', () => {
    expect(commentsOpen(post, { close_comments_for_old_posts: true, close_comments_days_old: 14 }, now)).toBe(false);
    expect(commentsOpen(post, { close_comments_for_old_posts: true, close_comments_days_old: 17 }, now)).toBe(true);
  });
});
